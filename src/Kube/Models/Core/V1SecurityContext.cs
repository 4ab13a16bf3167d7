namespace VisitCounter.Kube.Models;

/// <summary>core/v1 SecurityContext of a container.</summary>
public sealed class V1SecurityContext
{
    public bool? RunAsNonRoot { get; set; }
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? AllowPrivilegeEscalation { get; set; }
    public bool? Privileged { get; set; }
    public bool? ReadOnlyRootFilesystem { get; set; }
    public V1Capabilities? Capabilities { get; set; }
    public V1SeccompProfile? SeccompProfile { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 PodSecurityContext.</summary>
public sealed class V1PodSecurityContext
{
    public bool? RunAsNonRoot { get; set; }
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public long? FsGroup { get; set; }
    public V1SeccompProfile? SeccompProfile { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 Capabilities.</summary>
public sealed class V1Capabilities
{
    public IList<string>? Add { get; set; }
    public IList<string>? Drop { get; set; }
}

/// <summary>core/v1 SeccompProfile.</summary>
public sealed class V1SeccompProfile
{
    /// <summary><c>RuntimeDefault</c>, <c>Localhost</c> or <c>Unconfined</c>.</summary>
    public string Type { get; set; } = "RuntimeDefault";
    public string? LocalhostProfile { get; set; }
}
