namespace VisitCounter.Kube.Models;

/// <summary>core/v1 Service.</summary>
[KubernetesEntity(Group = "", ApiVersion = "v1", Kind = "Service", PluralName = "services")]
public sealed class V1Service : IKubernetesObject<V1ObjectMeta>, ISpec<V1ServiceSpec?>, IStatus<V1ServiceStatus?>
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Service";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1ServiceSpec? Spec { get; set; }
    public V1ServiceStatus? Status { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 ServiceSpec.</summary>
public sealed class V1ServiceSpec
{
    /// <summary><c>ClusterIP</c>, <c>NodePort</c>, <c>LoadBalancer</c> or <c>ExternalName</c>.</summary>
    public string? Type { get; set; }
    public IDictionary<string, string>? Selector { get; set; }
    public IList<V1ServicePort>? Ports { get; set; }

    /// <summary><c>None</c> makes the Service headless.</summary>
    public string? ClusterIP { get; set; }
    public IList<string>? ClusterIPs { get; set; }
    public bool? PublishNotReadyAddresses { get; set; }
    public string? SessionAffinity { get; set; }
    public string? ExternalTrafficPolicy { get; set; }
    public string? InternalTrafficPolicy { get; set; }
    public IList<string>? IpFamilies { get; set; }
    public string? IpFamilyPolicy { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 ServicePort.</summary>
public sealed class V1ServicePort
{
    public string? Name { get; set; }
    public string? Protocol { get; set; }
    public int Port { get; set; }

    /// <summary>Container port number or name; defaults to <see cref="Port"/> on the server.</summary>
    public IntOrString? TargetPort { get; set; }
    public int? NodePort { get; set; }
    public string? AppProtocol { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 ServiceStatus.</summary>
public sealed class V1ServiceStatus
{
    public V1LoadBalancerStatus? LoadBalancer { get; set; }
    public IList<V1Condition>? Conditions { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 LoadBalancerStatus.</summary>
public sealed class V1LoadBalancerStatus
{
    public IList<V1LoadBalancerIngress>? Ingress { get; set; }
}

/// <summary>core/v1 LoadBalancerIngress.</summary>
public sealed class V1LoadBalancerIngress
{
    public string? Ip { get; set; }
    public string? Hostname { get; set; }
}
