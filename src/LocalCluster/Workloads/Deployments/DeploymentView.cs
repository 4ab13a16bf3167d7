using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>The parts of a Deployment (defaults applied by the API server) the controller reads.</summary>
internal sealed record DeploymentView(
    string Namespace,
    string Name,
    string Uid,
    long Generation,
    int Replicas,
    bool Recreate,
    JsonNode? MaxSurge,
    JsonNode? MaxUnavailable,
    int RevisionHistoryLimit,
    int MinReadySeconds,
    JsonObject Template,
    JsonObject Selector)
{
    public static DeploymentView FromJson(JsonObject deployment)
    {
        var spec = deployment["spec"] as JsonObject ?? [];
        var strategy = spec["strategy"] as JsonObject ?? [];
        return new DeploymentView(
            deployment.Namespace(),
            deployment.Name(),
            deployment.Uid(),
            deployment.Generation(),
            (int)(JsonNumber.AsInt64(spec["replicas"]) ?? 1),
            strategy["type"]?.GetValue<string>() == "Recreate",
            strategy["rollingUpdate"]?["maxSurge"],
            strategy["rollingUpdate"]?["maxUnavailable"],
            (int)(JsonNumber.AsInt64(spec["revisionHistoryLimit"]) ?? 10),
            (int)(JsonNumber.AsInt64(spec["minReadySeconds"]) ?? 0),
            spec["template"] as JsonObject ?? [],
            spec["selector"] as JsonObject ?? []);
    }

    /// <summary>maxSurge (rounded up) and maxUnavailable (rounded down) as numbers; both zero becomes one unavailable, as the real controller resolves it.</summary>
    public (int MaxSurge, int MaxUnavailable) RollingBounds()
    {
        var surge = IntOrPercent.Resolve(MaxSurge, Replicas, roundUp: true, fallback: (Replicas + 3) / 4);
        var unavailable = IntOrPercent.Resolve(MaxUnavailable, Replicas, roundUp: false, fallback: Replicas / 4);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, Math.Min(unavailable, Replicas));
    }
}
