using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>
/// A Deployment's status from its ReplicaSets (pkg/controller/deployment/sync.go calculateStatus and progress.go): the
/// counts, and the Available and Progressing conditions <c>kubectl rollout status</c> reads. Pure; condition
/// transition times are kept while a condition's status stays the same.
/// </summary>
internal static class DeploymentStatusCalculator
{
    public static JsonObject Compute(DeploymentView deployment, ReplicaSetState newSet, IReadOnlyList<ReplicaSetState> oldSets, JsonObject? previous, DateTimeOffset now)
    {
        var all = oldSets.Append(newSet).ToList();
        var replicas = all.Sum(s => s.Replicas);
        var available = all.Sum(s => s.Available);
        var (_, maxUnavailable) = deployment.RollingBounds();
        var minAvailable = deployment.Recreate ? deployment.Replicas : deployment.Replicas - maxUnavailable;
        var complete = newSet.Replicas == deployment.Replicas && newSet.Available == deployment.Replicas && replicas == deployment.Replicas
                       && oldSets.All(s => s.Replicas == 0);

        var conditions = new JsonArray(
            Condition(previous, "Available", available >= minAvailable,
                available >= minAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available >= minAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now),
            Condition(previous, "Progressing", true,
                complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                complete ? $"ReplicaSet \"{newSet.Name}\" has successfully progressed." : $"ReplicaSet \"{newSet.Name}\" is progressing.", now));
        var status = new JsonObject
        {
            ["observedGeneration"] = deployment.Generation,
            ["replicas"] = replicas,
            ["updatedReplicas"] = newSet.Replicas,
            ["readyReplicas"] = all.Sum(s => s.Ready),
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = Math.Max(0, deployment.Replicas - available),
            ["conditions"] = conditions,
        };
        foreach (var zero in new[] { "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas" })
        {
            if (status[zero]!.GetValue<int>() == 0) status.Remove(zero);
        }

        return status;
    }

    private static JsonObject Condition(JsonObject? previous, string type, bool status, string reason, string message, DateTimeOffset now)
    {
        var text = status ? "True" : "False";
        var old = (previous?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        var unchanged = old?["status"]?.GetValue<string>() == text;
        var sameDetails = unchanged && old?["reason"]?.GetValue<string>() == reason && old?["message"]?.GetValue<string>() == message;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["lastUpdateTime"] = sameDetails ? old!["lastUpdateTime"]?.DeepClone() : ObjectMeta.FormatTime(now),
            ["lastTransitionTime"] = unchanged ? old!["lastTransitionTime"]?.DeepClone() : ObjectMeta.FormatTime(now),
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}
