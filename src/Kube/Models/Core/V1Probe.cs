namespace VisitCounter.Kube.Models;

/// <summary>core/v1 Probe: how and how often the kubelet checks a container.</summary>
public sealed class V1Probe
{
    public V1HTTPGetAction? HttpGet { get; set; }
    public V1TCPSocketAction? TcpSocket { get; set; }
    public V1ExecAction? Exec { get; set; }
    public int? InitialDelaySeconds { get; set; }
    public int? PeriodSeconds { get; set; }
    public int? TimeoutSeconds { get; set; }
    public int? SuccessThreshold { get; set; }
    public int? FailureThreshold { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 HTTPGetAction.</summary>
public sealed class V1HTTPGetAction
{
    public string? Path { get; set; }
    public IntOrString Port { get; set; } = IntOrString.FromInt(80);
    public string? Host { get; set; }
    public string? Scheme { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 TCPSocketAction.</summary>
public sealed class V1TCPSocketAction
{
    public IntOrString Port { get; set; } = IntOrString.FromInt(80);
    public string? Host { get; set; }
}

/// <summary>core/v1 ExecAction.</summary>
public sealed class V1ExecAction
{
    public IList<string>? Command { get; set; }
}
