namespace VisitCounter.Kube.Models;

/// <summary>core/v1 Namespace.</summary>
[KubernetesEntity(Group = "", ApiVersion = "v1", Kind = "Namespace", PluralName = "namespaces", Namespaced = false)]
public sealed class V1Namespace : IKubernetesObject<V1ObjectMeta>, ISpec<V1NamespaceSpec?>, IStatus<V1NamespaceStatus?>
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Namespace";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1NamespaceSpec? Spec { get; set; }
    public V1NamespaceStatus? Status { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 NamespaceSpec.</summary>
public sealed class V1NamespaceSpec
{
    public IList<string>? Finalizers { get; set; }
}

/// <summary>core/v1 NamespaceStatus.</summary>
public sealed class V1NamespaceStatus
{
    /// <summary><c>Active</c> or <c>Terminating</c>.</summary>
    public string? Phase { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}
