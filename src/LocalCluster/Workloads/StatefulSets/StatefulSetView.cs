using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>How pods are created and removed: one at a time in ordinal order, or all at once.</summary>
internal enum PodManagementPolicy
{
    OrderedReady,
    Parallel,
}

/// <summary>spec.updateStrategy.type.</summary>
internal enum UpdateStrategyType
{
    RollingUpdate,
    OnDelete,
}

/// <summary>spec.persistentVolumeClaimRetentionPolicy values.</summary>
internal enum ClaimRetention
{
    Retain,
    Delete,
}

/// <summary>
/// The fields of an apps/v1 StatefulSet the controller acts on, read from the stored JSON with the API defaults
/// applied (replicas 1, OrderedReady, RollingUpdate with partition 0, Retain/Retain).
/// </summary>
internal sealed record StatefulSetView(
    string Namespace,
    string Name,
    string Uid,
    long Generation,
    int Replicas,
    PodManagementPolicy PodManagementPolicy,
    UpdateStrategyType UpdateStrategy,
    int Partition,
    JsonNode? MaxUnavailable,
    int MinReadySeconds,
    ClaimRetention WhenDeleted,
    ClaimRetention WhenScaled,
    IReadOnlyDictionary<string, string> SelectorLabels,
    IReadOnlyList<JsonObject> VolumeClaimTemplates,
    string? StatusCurrentRevision,
    long? CollisionCount)
{
    public static StatefulSetView FromJson(JsonObject sts)
    {
        var spec = sts["spec"] as JsonObject ?? [];
        var strategy = spec["updateStrategy"] as JsonObject;
        var rolling = strategy?["rollingUpdate"] as JsonObject;
        var retention = spec["persistentVolumeClaimRetentionPolicy"] as JsonObject;
        var status = sts["status"] as JsonObject;
        return new StatefulSetView(
            sts.Namespace(),
            sts.Name(),
            sts.Uid(),
            sts.Generation(),
            Math.Max(0, JsonNumber.AsInt32(spec["replicas"]) ?? 1),
            spec["podManagementPolicy"]?.GetValue<string>() == "Parallel"
                ? PodManagementPolicy.Parallel
                : PodManagementPolicy.OrderedReady,
            strategy?["type"]?.GetValue<string>() == "OnDelete" ? UpdateStrategyType.OnDelete : UpdateStrategyType.RollingUpdate,
            Math.Max(0, JsonNumber.AsInt32(rolling?["partition"]) ?? 0),
            rolling?["maxUnavailable"]?.DeepClone(),
            Math.Max(0, JsonNumber.AsInt32(spec["minReadySeconds"]) ?? 0),
            retention?["whenDeleted"]?.GetValue<string>() == "Delete" ? ClaimRetention.Delete : ClaimRetention.Retain,
            retention?["whenScaled"]?.GetValue<string>() == "Delete" ? ClaimRetention.Delete : ClaimRetention.Retain,
            ObjectMeta.StringMap(spec["selector"]?["matchLabels"]),
            spec["volumeClaimTemplates"] is JsonArray templates ? templates.OfType<JsonObject>().ToList() : [],
            status?["currentRevision"]?.GetValue<string>(),
            JsonNumber.AsInt64(status?["collisionCount"]));
    }

    /// <summary>
    /// maxUnavailable resolved against the replica count like the real controller: a percentage rounds up, and the
    /// result is never below one so that an update can always make progress.
    /// </summary>
    public int ResolvedMaxUnavailable()
    {
        if (MaxUnavailable is not JsonValue value)
        {
            return 1;
        }

        if (JsonNumber.AsInt32(value) is { } count)
        {
            return Math.Max(1, count);
        }

        if (value.TryGetValue<string>(out var text) && text.EndsWith('%')
            && int.TryParse(text.AsSpan(0, text.Length - 1), out var percent))
        {
            return Math.Max(1, (int)Math.Ceiling(Replicas * percent / 100.0));
        }

        return 1;
    }
}
