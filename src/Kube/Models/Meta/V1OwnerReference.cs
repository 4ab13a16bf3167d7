using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>metav1.OwnerReference: links a dependent to its owner for garbage collection.</summary>
public sealed class V1OwnerReference
{
    public string ApiVersion { get; set; } = string.Empty;
    public string Kind { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Uid { get; set; } = string.Empty;
    public bool? Controller { get; set; }
    public bool? BlockOwnerDeletion { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
