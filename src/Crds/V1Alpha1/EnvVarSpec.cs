using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>An environment variable of the counter container.</summary>
public sealed class EnvVarSpec
{
    /// <summary>Variable name: letters, digits, '_', '-' or '.', not starting with a digit.</summary>
    [Required]
    [Pattern(@"^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    public string? Name { get; set; }

    /// <summary>Variable value. Defaults to the empty string.</summary>
    public string? Value { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
