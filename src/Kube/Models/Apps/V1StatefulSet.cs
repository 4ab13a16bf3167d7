namespace VisitCounter.Kube.Models;

/// <summary>apps/v1 StatefulSet.</summary>
[KubernetesEntity(Group = "apps", ApiVersion = "v1", Kind = "StatefulSet", PluralName = "statefulsets")]
public sealed class V1StatefulSet : IKubernetesObject<V1ObjectMeta>, ISpec<V1StatefulSetSpec?>, IStatus<V1StatefulSetStatus?>
{
    public string ApiVersion { get; set; } = "apps/v1";
    public string Kind { get; set; } = "StatefulSet";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1StatefulSetSpec? Spec { get; set; }
    public V1StatefulSetStatus? Status { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apps/v1 StatefulSetSpec.</summary>
public sealed class V1StatefulSetSpec
{
    public int? Replicas { get; set; }
    public V1LabelSelector Selector { get; set; } = new();
    public V1PodTemplateSpec Template { get; set; } = new();
    public IList<V1PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }
    public string? ServiceName { get; set; }

    /// <summary><c>OrderedReady</c> or <c>Parallel</c>.</summary>
    public string? PodManagementPolicy { get; set; }
    public V1StatefulSetUpdateStrategy? UpdateStrategy { get; set; }
    public int? RevisionHistoryLimit { get; set; }
    public int? MinReadySeconds { get; set; }
    public V1StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }
    public V1StatefulSetOrdinals? Ordinals { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apps/v1 StatefulSetUpdateStrategy.</summary>
public sealed class V1StatefulSetUpdateStrategy
{
    /// <summary><c>RollingUpdate</c> or <c>OnDelete</c>.</summary>
    public string? Type { get; set; }
    public V1RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apps/v1 RollingUpdateStatefulSetStrategy.</summary>
public sealed class V1RollingUpdateStatefulSetStrategy
{
    /// <summary>Pods with an ordinal at or above the partition are updated; the others keep the old revision.</summary>
    public int? Partition { get; set; }
    public IntOrString? MaxUnavailable { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apps/v1 StatefulSetPersistentVolumeClaimRetentionPolicy.</summary>
public sealed class V1StatefulSetPersistentVolumeClaimRetentionPolicy
{
    /// <summary><c>Retain</c> or <c>Delete</c>.</summary>
    public string? WhenDeleted { get; set; }

    /// <summary><c>Retain</c> or <c>Delete</c>.</summary>
    public string? WhenScaled { get; set; }
}

/// <summary>apps/v1 StatefulSetOrdinals.</summary>
public sealed class V1StatefulSetOrdinals
{
    public int? Start { get; set; }
}

/// <summary>apps/v1 StatefulSetStatus.</summary>
public sealed class V1StatefulSetStatus
{
    public long? ObservedGeneration { get; set; }
    public int Replicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? CurrentReplicas { get; set; }
    public int? UpdatedReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public string? CurrentRevision { get; set; }
    public string? UpdateRevision { get; set; }
    public int? CollisionCount { get; set; }
    public IList<V1StatefulSetCondition>? Conditions { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>apps/v1 StatefulSetCondition.</summary>
public sealed class V1StatefulSetCondition
{
    public string Type { get; set; } = string.Empty;
    public string Status { get; set; } = "Unknown";
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
