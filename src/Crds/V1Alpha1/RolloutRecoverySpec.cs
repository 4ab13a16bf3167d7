using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>
/// Repair of a rolling update stuck on a broken pod: with OrderedReady the StatefulSet controller waits forever for a
/// pod of an older revision that never becomes ready, even after the template is fixed (kubernetes/kubernetes#67250).
/// </summary>
public sealed class RolloutRecoverySpec
{
    /// <summary>Whether the operator deletes such a stuck pod (one at a time, at most once per pod and revision) so that it is re-created from the current template. Defaults to false: the status only reports RolloutStuck.</summary>
    [DefaultValue(false)]
    public bool? Enabled { get; set; }

    /// <summary>Seconds a pod of an older revision must have been not ready (or crash-looping, or failing to pull its image) before the rollout counts as stuck (30 or more). Defaults to 300.</summary>
    [RangeMinimum(RolloutRecoveryLimits.MinStuckAfterSeconds)]
    [DefaultValue(300)]
    public int? StuckAfterSeconds { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
