namespace VisitCounter.Kube.Client;

/// <summary>The PATCH flavours the API server understands; each maps to one Content-Type.</summary>
public enum PatchType
{
    /// <summary>JSON merge patch (RFC 7386), <c>application/merge-patch+json</c>.</summary>
    Merge,

    /// <summary>JSON patch (RFC 6902), <c>application/json-patch+json</c>.</summary>
    Json,

    /// <summary>Strategic merge patch, <c>application/strategic-merge-patch+json</c> (built-in kinds only).</summary>
    StrategicMerge,

    /// <summary>Server-side apply, <c>application/apply-patch+yaml</c>; needs a field manager.</summary>
    Apply,
}

/// <summary>A patch body with its type and, for server-side apply, the field manager and force flag.</summary>
public sealed record KubernetesPatch(PatchType Type, string Body, string? FieldManager = null, bool? Force = null)
{
    /// <summary>A JSON merge patch.</summary>
    public static KubernetesPatch Merge(string body) => new(PatchType.Merge, body);

    /// <summary>A JSON patch (list of operations).</summary>
    public static KubernetesPatch Json(string body) => new(PatchType.Json, body);

    /// <summary>A strategic merge patch.</summary>
    public static KubernetesPatch StrategicMerge(string body) => new(PatchType.StrategicMerge, body);

    /// <summary>A server-side apply patch owned by <paramref name="fieldManager"/>.</summary>
    public static KubernetesPatch Apply(string body, string fieldManager, bool force = false) => new(PatchType.Apply, body, fieldManager, force);

    /// <summary>The Content-Type header value for <see cref="Type"/>.</summary>
    public string ContentType => Type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new InvalidOperationException($"Unknown patch type {Type}."),
    };
}
