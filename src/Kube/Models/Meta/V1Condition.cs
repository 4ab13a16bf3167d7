using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>metav1.Condition: one aspect of an object's state (<c>Ready</c>, <c>Progressing</c>, ...).</summary>
public sealed class V1Condition
{
    public string Type { get; set; } = string.Empty;

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string Status { get; set; } = "Unknown";
    public long? ObservedGeneration { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
