using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>How the operator gathers the visit count of each pod into the status.</summary>
public sealed class VisitsSpec
{
    /// <summary>Whether to read each ready pod's /visits and sum them into the status. Defaults to true.</summary>
    [DefaultValue(true)]
    public bool? Collect { get; set; }

    /// <summary>Seconds between two collections (1 or more). Defaults to 30.</summary>
    [RangeMinimum(1)]
    [DefaultValue(30)]
    public int? IntervalSeconds { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
