namespace VisitCounter.Kube.Models;

/// <summary>core/v1 Pod.</summary>
[KubernetesEntity(Group = "", ApiVersion = "v1", Kind = "Pod", PluralName = "pods")]
public sealed class V1Pod : IKubernetesObject<V1ObjectMeta>, ISpec<V1PodSpec?>, IStatus<V1PodStatus?>
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Pod";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1PodSpec? Spec { get; set; }
    public V1PodStatus? Status { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PodTemplateSpec: the pod a StatefulSet stamps out.</summary>
public sealed class V1PodTemplateSpec
{
    public V1ObjectMeta? Metadata { get; set; }
    public V1PodSpec? Spec { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PodSpec (the subset we use; other fields are kept in <c>ExtensionData</c>).</summary>
public sealed class V1PodSpec
{
    public IList<V1Container> Containers { get; set; } = new List<V1Container>();
    public IList<V1Container>? InitContainers { get; set; }
    public IList<V1Volume>? Volumes { get; set; }
    public string? RestartPolicy { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
    public string? ServiceAccountName { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    public string? NodeName { get; set; }
    public IDictionary<string, string>? NodeSelector { get; set; }
    public string? Hostname { get; set; }
    public string? Subdomain { get; set; }
    public V1PodSecurityContext? SecurityContext { get; set; }
    public bool? EnableServiceLinks { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 Volume (persistentVolumeClaim, emptyDir and configMap sources; others kept as extension data).</summary>
public sealed class V1Volume
{
    public string Name { get; set; } = string.Empty;
    public V1PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }
    public V1EmptyDirVolumeSource? EmptyDir { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimVolumeSource.</summary>
public sealed class V1PersistentVolumeClaimVolumeSource
{
    public string ClaimName { get; set; } = string.Empty;
    public bool? ReadOnly { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 EmptyDirVolumeSource.</summary>
public sealed class V1EmptyDirVolumeSource
{
    public string? Medium { get; set; }
    public ResourceQuantity? SizeLimit { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PodStatus.</summary>
public sealed class V1PodStatus
{
    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    public string? Phase { get; set; }
    public IList<V1PodCondition>? Conditions { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public string? HostIP { get; set; }
    public string? PodIP { get; set; }
    public IList<V1PodIP>? PodIPs { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public IList<V1ContainerStatus>? ContainerStatuses { get; set; }
    public string? QosClass { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PodIP.</summary>
public sealed class V1PodIP
{
    public string? Ip { get; set; }
}

/// <summary>core/v1 PodCondition (<c>Ready</c>, <c>ContainersReady</c>, <c>PodScheduled</c>, ...).</summary>
public sealed class V1PodCondition
{
    public string Type { get; set; } = string.Empty;
    public string Status { get; set; } = "Unknown";
    public DateTimeOffset? LastProbeTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 ContainerStatus.</summary>
public sealed class V1ContainerStatus
{
    public string Name { get; set; } = string.Empty;
    public bool Ready { get; set; }
    public int RestartCount { get; set; }
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public string? ContainerID { get; set; }
    public bool? Started { get; set; }
    public V1ContainerState? State { get; set; }
    public V1ContainerState? LastState { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 ContainerState: exactly one of waiting, running or terminated.</summary>
public sealed class V1ContainerState
{
    public V1ContainerStateWaiting? Waiting { get; set; }
    public V1ContainerStateRunning? Running { get; set; }
    public V1ContainerStateTerminated? Terminated { get; set; }
}

/// <summary>core/v1 ContainerStateWaiting.</summary>
public sealed class V1ContainerStateWaiting
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>core/v1 ContainerStateRunning.</summary>
public sealed class V1ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; set; }
}

/// <summary>core/v1 ContainerStateTerminated.</summary>
public sealed class V1ContainerStateTerminated
{
    public int ExitCode { get; set; }
    public int? Signal { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? ContainerID { get; set; }
}
