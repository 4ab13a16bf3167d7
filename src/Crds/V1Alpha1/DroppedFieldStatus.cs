using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>
/// A field the operator applied to a child that the API server did not keep, typically because the feature gate
/// behind it is off on this cluster. The operator stops applying it until the spec changes.
/// </summary>
public sealed class DroppedFieldStatus
{
    /// <summary>The child's kind, e.g. StatefulSet.</summary>
    [Required]
    public string Kind { get; set; } = "";

    /// <summary>The dropped field in the child, e.g. spec.updateStrategy.rollingUpdate.maxUnavailable.</summary>
    [Required]
    public string Path { get; set; } = "";

    /// <summary>The feature gate that most likely drops it, when known (e.g. MaxUnavailableStatefulSet).</summary>
    public string? FeatureGate { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
