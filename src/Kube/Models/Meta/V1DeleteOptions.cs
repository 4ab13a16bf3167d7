using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>metav1.DeleteOptions: propagation policy and preconditions sent as the body of a DELETE.</summary>
public sealed class V1DeleteOptions
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "DeleteOptions";

    /// <summary><c>Orphan</c>, <c>Background</c> or <c>Foreground</c>.</summary>
    public string? PropagationPolicy { get; set; }
    public long? GracePeriodSeconds { get; set; }
    public V1Preconditions? Preconditions { get; set; }
    public IList<string>? DryRun { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>metav1.Preconditions: delete only if the object still has this UID / resourceVersion.</summary>
public sealed class V1Preconditions
{
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
}
