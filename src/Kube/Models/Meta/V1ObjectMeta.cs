using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>metav1.ObjectMeta: identity, versioning, labels and ownership of every persisted object.</summary>
public sealed class V1ObjectMeta
{
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? GenerateName { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public long? Generation { get; set; }
    public DateTimeOffset? CreationTimestamp { get; set; }
    public DateTimeOffset? DeletionTimestamp { get; set; }
    public long? DeletionGracePeriodSeconds { get; set; }
    public IDictionary<string, string>? Labels { get; set; }
    public IDictionary<string, string>? Annotations { get; set; }
    public IList<V1OwnerReference>? OwnerReferences { get; set; }
    public IList<string>? Finalizers { get; set; }

    /// <summary>Server-side apply bookkeeping; kept opaque because we never interpret it.</summary>
    public IList<JsonElement>? ManagedFields { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
