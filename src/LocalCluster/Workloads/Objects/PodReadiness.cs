using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Workloads.Objects;

/// <summary>The pod's <c>Ready</c> condition, as the ReplicaSet, StatefulSet and disruption controllers and the service proxy read it.</summary>
internal static class PodReadiness
{
    /// <summary>True when the pod has a <c>Ready</c> condition with status <c>True</c>.</summary>
    public static bool IsReady(this JsonObject pod) => ReadyCondition(pod) is not null;

    /// <summary>
    /// Since when the pod has been ready (the condition's <c>lastTransitionTime</c>; the earliest time when it has
    /// none, so that a ready pod without one counts as long ready), or null when it is not ready.
    /// </summary>
    public static DateTimeOffset? ReadySince(this JsonObject pod) =>
        ReadyCondition(pod) is { } ready ? ObjectMeta.Timestamp(ready["lastTransitionTime"]) ?? DateTimeOffset.MinValue : null;

    private static JsonObject? ReadyCondition(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
        .FirstOrDefault(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");
}
