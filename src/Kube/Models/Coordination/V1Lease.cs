using System.Text.Json.Serialization;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>coordination.k8s.io/v1 Lease: the lock object of leader election.</summary>
[KubernetesEntity(Group = "coordination.k8s.io", ApiVersion = "v1", Kind = "Lease", PluralName = "leases")]
public sealed class V1Lease : IKubernetesObject<V1ObjectMeta>, ISpec<V1LeaseSpec?>
{
    public string ApiVersion { get; set; } = "coordination.k8s.io/v1";
    public string Kind { get; set; } = "Lease";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1LeaseSpec? Spec { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>coordination.k8s.io/v1 LeaseSpec. Times are MicroTime (microsecond precision on the wire).</summary>
public sealed class V1LeaseSpec
{
    public string? HolderIdentity { get; set; }
    public int? LeaseDurationSeconds { get; set; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? RenewTime { get; set; }
    public int? LeaseTransitions { get; set; }
    public string? PreferredHolder { get; set; }
    public string? Strategy { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}
