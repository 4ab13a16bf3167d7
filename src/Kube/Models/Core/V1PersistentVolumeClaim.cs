namespace VisitCounter.Kube.Models;

/// <summary>core/v1 PersistentVolumeClaim.</summary>
[KubernetesEntity(Group = "", ApiVersion = "v1", Kind = "PersistentVolumeClaim", PluralName = "persistentvolumeclaims")]
public sealed class V1PersistentVolumeClaim : IKubernetesObject<V1ObjectMeta>, ISpec<V1PersistentVolumeClaimSpec?>, IStatus<V1PersistentVolumeClaimStatus?>
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "PersistentVolumeClaim";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1PersistentVolumeClaimSpec? Spec { get; set; }
    public V1PersistentVolumeClaimStatus? Status { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimSpec.</summary>
public sealed class V1PersistentVolumeClaimSpec
{
    public IList<string>? AccessModes { get; set; }
    public V1VolumeResourceRequirements? Resources { get; set; }
    public string? StorageClassName { get; set; }
    public string? VolumeName { get; set; }
    public string? VolumeMode { get; set; }
    public V1LabelSelector? Selector { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 VolumeResourceRequirements (the PVC flavour of resource requirements).</summary>
public sealed class V1VolumeResourceRequirements
{
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }
    public IDictionary<string, ResourceQuantity>? Requests { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimStatus.</summary>
public sealed class V1PersistentVolumeClaimStatus
{
    /// <summary><c>Pending</c>, <c>Bound</c> or <c>Lost</c>.</summary>
    public string? Phase { get; set; }
    public IList<string>? AccessModes { get; set; }
    public IDictionary<string, ResourceQuantity>? Capacity { get; set; }
    public IList<V1PersistentVolumeClaimCondition>? Conditions { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimCondition (e.g. <c>Resizing</c>, <c>FileSystemResizePending</c>).</summary>
public sealed class V1PersistentVolumeClaimCondition
{
    public string Type { get; set; } = string.Empty;
    public string Status { get; set; } = "Unknown";
    public DateTimeOffset? LastProbeTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
