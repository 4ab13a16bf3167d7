using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>metav1.ListMeta: the collection's resourceVersion and the pagination token.</summary>
public sealed class V1ListMeta
{
    public string? ResourceVersion { get; set; }
    public string? Continue { get; set; }
    public long? RemainingItemCount { get; set; }
    public string? SelfLink { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
