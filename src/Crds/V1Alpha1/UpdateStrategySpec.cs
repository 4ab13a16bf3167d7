using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The StatefulSet update strategy: RollingUpdate (optionally partitioned) or OnDelete.</summary>
[ValidationRule("!has(self.partition) || !has(self.type) || self.type == 'RollingUpdate'",
    Message = "partition is only allowed with type RollingUpdate; remove partition or set type to RollingUpdate")]
[ValidationRule("!has(self.maxUnavailable) || !has(self.type) || self.type == 'RollingUpdate'",
    Message = "maxUnavailable is only allowed with type RollingUpdate; remove maxUnavailable or set type to RollingUpdate")]
public sealed class UpdateStrategySpec
{
    /// <summary>RollingUpdate (default) replaces pods from the highest ordinal down; OnDelete replaces a pod only when you delete it.</summary>
    [EnumValues(UpdateStrategyTypes.RollingUpdate, UpdateStrategyTypes.OnDelete)]
    [DefaultValue(UpdateStrategyTypes.RollingUpdate)]
    public string? Type { get; set; }

    /// <summary>RollingUpdate only: pods with an ordinal below the partition keep the old revision. Defaults to 0.</summary>
    [RangeMinimum(0)]
    public int? Partition { get; set; }

    /// <summary>RollingUpdate only: how many pods may be unavailable during the update, a number or a percentage such as 25%.</summary>
    [Pattern(@"^([0-9]+%?)$")]
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
