using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>A list response (<c>PodList</c>, <c>StatefulSetList</c>, ...): list metadata plus items.</summary>
public sealed class EntityList<TEntity> : IKubernetesObject<V1ListMeta>
{
    /// <inheritdoc />
    public string ApiVersion { get; set; } = "v1";

    /// <inheritdoc />
    public string Kind { get; set; } = "List";

    /// <summary>List metadata: <c>resourceVersion</c> to start a watch from, and <c>continue</c> for the next page.</summary>
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>The objects.</summary>
    public IList<TEntity> Items { get; set; } = new List<TEntity>();

    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
