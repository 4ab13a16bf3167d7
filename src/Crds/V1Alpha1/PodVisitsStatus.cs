using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The state of one pod as seen by the last visits collection.</summary>
public sealed class PodVisitsStatus
{
    /// <summary>Pod name, e.g. web-0.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Whether the pod was ready.</summary>
    public bool Ready { get; set; }

    /// <summary>The pod's visit count; absent when the pod did not answer.</summary>
    public long? Visits { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
