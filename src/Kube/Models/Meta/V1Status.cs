using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>metav1.Status: the API server's error envelope (and the body of some successful deletes).</summary>
[KubernetesEntity(Group = "", ApiVersion = "v1", Kind = "Status", PluralName = "status", Namespaced = false)]
public sealed class V1Status : IKubernetesObject<V1ListMeta>
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Status";
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    public string? Status { get; set; }
    public string? Message { get; set; }

    /// <summary>Machine-readable reason: <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Invalid</c>, <c>Expired</c>, ...</summary>
    public string? Reason { get; set; }
    public V1StatusDetails? Details { get; set; }
    public int? Code { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>metav1.StatusDetails: which object the status is about and, for <c>Invalid</c>, the field errors.</summary>
public sealed class V1StatusDetails
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Kind { get; set; }
    public string? Uid { get; set; }
    public IList<V1StatusCause>? Causes { get; set; }
    public int? RetryAfterSeconds { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>metav1.StatusCause: one reason for a failure, usually a field error.</summary>
public sealed class V1StatusCause
{
    /// <summary>e.g. <c>FieldValueInvalid</c>, <c>FieldValueRequired</c>.</summary>
    public string? Reason { get; set; }
    public string? Message { get; set; }

    /// <summary>JSON path of the offending field, e.g. <c>spec.replicas</c>.</summary>
    public string? Field { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
