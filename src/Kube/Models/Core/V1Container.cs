namespace VisitCounter.Kube.Models;

/// <summary>core/v1 Container.</summary>
public sealed class V1Container
{
    public string Name { get; set; } = string.Empty;
    public string? Image { get; set; }
    public string? ImagePullPolicy { get; set; }
    public IList<string>? Command { get; set; }
    public IList<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    public IList<V1ContainerPort>? Ports { get; set; }
    public IList<V1EnvVar>? Env { get; set; }
    public V1ResourceRequirements? Resources { get; set; }
    public IList<V1VolumeMount>? VolumeMounts { get; set; }
    public V1Probe? LivenessProbe { get; set; }
    public V1Probe? ReadinessProbe { get; set; }
    public V1Probe? StartupProbe { get; set; }
    public V1SecurityContext? SecurityContext { get; set; }
    public string? TerminationMessagePath { get; set; }
    public string? TerminationMessagePolicy { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 ContainerPort.</summary>
public sealed class V1ContainerPort
{
    public string? Name { get; set; }
    public int ContainerPort { get; set; }
    public string? Protocol { get; set; }
    public int? HostPort { get; set; }
    public string? HostIP { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 VolumeMount.</summary>
public sealed class V1VolumeMount
{
    public string Name { get; set; } = string.Empty;
    public string MountPath { get; set; } = string.Empty;
    public bool? ReadOnly { get; set; }
    public string? SubPath { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}
