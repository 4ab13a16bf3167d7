using VisitCounter.Crds.V1Alpha1;

namespace VisitCounter.Operator.Drift;

/// <summary>
/// Fields the API server accepted in an apply but did not keep. A feature gate that is off makes the server drop its
/// field silently (on 1.24-1.34 <c>MaxUnavailableStatefulSet</c> drops <c>spec.updateStrategy.rollingUpdate.maxUnavailable</c>),
/// so the only sign is the apply's response. The knowledge lives in the app's status (<c>status.droppedFields</c>,
/// valid for <c>status.observedGeneration</c>): a restarted operator reads it back and does not apply the field again,
/// and a spec change (a new generation) tries once more, because the user may have changed the field or the cluster.
/// </summary>
public static class DroppedFields
{
    // The gates that drop fields the operator may set, with the versions they are off in (see the Kubernetes feature gate list).
    private static readonly Dictionary<(string Kind, string Path), string> Gates = new()
    {
        [("StatefulSet", "spec.updateStrategy.rollingUpdate.maxUnavailable")] = "MaxUnavailableStatefulSet",
        [("StatefulSet", "spec.persistentVolumeClaimRetentionPolicy")] = "StatefulSetAutoDeletePVC",
        [("StatefulSet", "spec.persistentVolumeClaimRetentionPolicy.whenDeleted")] = "StatefulSetAutoDeletePVC",
        [("StatefulSet", "spec.persistentVolumeClaimRetentionPolicy.whenScaled")] = "StatefulSetAutoDeletePVC",
        [("StatefulSet", "spec.minReadySeconds")] = "StatefulSetMinReadySeconds",
    };

    /// <summary>
    /// The dropped fields still valid for <paramref name="app"/>'s current spec: those recorded for the generation the
    /// status was written for, none after a spec change.
    /// </summary>
    public static IReadOnlyList<DroppedFieldStatus> Known(VisitCounterApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Status is { DroppedFields: { Count: > 0 } dropped } status && status.ObservedGeneration == app.Metadata.Generation
            ? [.. dropped]
            : [];
    }

    /// <summary>The paths of <paramref name="kind"/> among <paramref name="known"/>.</summary>
    public static IReadOnlyList<string> PathsOf(IEnumerable<DroppedFieldStatus> known, string kind) =>
        [.. known.Where(d => string.Equals(d.Kind, kind, StringComparison.Ordinal)).Select(d => d.Path)];

    /// <summary>A status entry for a field of <paramref name="kind"/> the server dropped, with the likely feature gate.</summary>
    public static DroppedFieldStatus Describe(string kind, string path) =>
        new() { Kind = kind, Path = path, FeatureGate = Gates.GetValueOrDefault((kind, path)) };

    /// <summary>The union of <paramref name="known"/> and <paramref name="found"/>, ordered by kind and path (a stable status).</summary>
    public static List<DroppedFieldStatus> Merge(IEnumerable<DroppedFieldStatus> known, IEnumerable<DroppedFieldStatus> found) =>
        [.. known.Concat(found)
            .GroupBy(d => (d.Kind, d.Path))
            .Select(g => g.First())
            .OrderBy(d => d.Kind, StringComparer.Ordinal)
            .ThenBy(d => d.Path, StringComparer.Ordinal)];

    /// <summary>The condition message naming each dropped field and its likely feature gate.</summary>
    public static string Message(IReadOnlyList<DroppedFieldStatus> dropped)
    {
        ArgumentNullException.ThrowIfNull(dropped);
        var fields = string.Join("; ", dropped.Select(d => d.FeatureGate is { } gate
            ? $"{d.Kind} {d.Path} (feature gate {gate} is probably off)"
            : $"{d.Kind} {d.Path}"));
        return $"The API server did not keep: {fields}. The app runs without it; enable the feature gate or remove the field from the spec.";
    }

    /// <summary>Whether <paramref name="current"/> names a field <paramref name="previous"/> did not (a new one to warn about).</summary>
    public static bool HasNew(IEnumerable<DroppedFieldStatus>? previous, IEnumerable<DroppedFieldStatus> current)
    {
        var before = (previous ?? []).Select(d => (d.Kind, d.Path)).ToHashSet();
        return current.Any(d => !before.Contains((d.Kind, d.Path)));
    }
}
