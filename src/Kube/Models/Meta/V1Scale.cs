using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>autoscaling/v1 Scale: the <c>scale</c> subresource of scalable kinds.</summary>
[KubernetesEntity(Group = "autoscaling", ApiVersion = "v1", Kind = "Scale", PluralName = "scale")]
public sealed class V1Scale : IKubernetesObject<V1ObjectMeta>, ISpec<V1ScaleSpec>, IStatus<V1ScaleStatus?>
{
    public string ApiVersion { get; set; } = "autoscaling/v1";
    public string Kind { get; set; } = "Scale";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1ScaleSpec Spec { get; set; } = new();
    public V1ScaleStatus? Status { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Desired replicas of a Scale.</summary>
public sealed class V1ScaleSpec
{
    public int? Replicas { get; set; }
}

/// <summary>Observed replicas and selector of a Scale.</summary>
public sealed class V1ScaleStatus
{
    public int Replicas { get; set; }
    public string? Selector { get; set; }
}
