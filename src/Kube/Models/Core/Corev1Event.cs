namespace VisitCounter.Kube.Models;

/// <summary>core/v1 Event: what <c>kubectl describe</c> shows under "Events".</summary>
[KubernetesEntity(Group = "", ApiVersion = "v1", Kind = "Event", PluralName = "events")]
public sealed class Corev1Event : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "Event";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1ObjectReference InvolvedObject { get; set; } = new();
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public V1EventSource? Source { get; set; }
    public DateTimeOffset? FirstTimestamp { get; set; }
    public DateTimeOffset? LastTimestamp { get; set; }
    public int? Count { get; set; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; set; }

    /// <summary>MicroTime: written with microseconds, as the API server requires.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Serialization.MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; set; }
    public string? Action { get; set; }
    public string? ReportingComponent { get; set; }
    public string? ReportingInstance { get; set; }
    public V1ObjectReference? Related { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 ObjectReference: points at the object an event is about.</summary>
public sealed class V1ObjectReference
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public string? FieldPath { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>core/v1 EventSource: which component reported an event.</summary>
public sealed class V1EventSource
{
    public string? Component { get; set; }
    public string? Host { get; set; }
}
