using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>Base class for custom resources: apiVersion, kind, metadata, spec and status.</summary>
public abstract class CustomKubernetesEntity<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
    where TStatus : class
{
    /// <summary>Starts with apiVersion and kind taken from the derived type's <see cref="KubernetesEntityAttribute"/>, if any.</summary>
    protected CustomKubernetesEntity()
    {
        var attribute = GetType().GetCustomAttribute<KubernetesEntityAttribute>(inherit: false);
        if (attribute is not null)
        {
            ApiVersion = attribute.Group.Length == 0 ? attribute.ApiVersion : $"{attribute.Group}/{attribute.ApiVersion}";
            Kind = attribute.Kind;
        }
    }

    /// <inheritdoc />
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc />
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc />
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    public TSpec Spec { get; set; } = new();

    /// <inheritdoc />
    public TStatus? Status { get; set; }

    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
