namespace VisitCounter.Kube.Models;

/// <summary>storage.k8s.io/v1 StorageClass; the operator only needs <see cref="AllowVolumeExpansion"/>.</summary>
[KubernetesEntity(Group = "storage.k8s.io", ApiVersion = "v1", Kind = "StorageClass", PluralName = "storageclasses", Namespaced = false)]
public sealed class V1StorageClass : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "storage.k8s.io/v1";
    public string Kind { get; set; } = "StorageClass";
    public V1ObjectMeta Metadata { get; set; } = new();
    public string Provisioner { get; set; } = string.Empty;
    public IDictionary<string, string>? Parameters { get; set; }
    public string? ReclaimPolicy { get; set; }
    public bool? AllowVolumeExpansion { get; set; }
    public string? VolumeBindingMode { get; set; }
    public IList<string>? MountOptions { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}
