namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>The patch formats of the Kubernetes API, by their Content-Type.</summary>
public enum PatchType
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,
    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,
    /// <summary><c>application/strategic-merge-patch+json</c> (built-in kinds only).</summary>
    StrategicMerge,
    /// <summary><c>application/apply-patch+yaml</c> (server-side apply).</summary>
    Apply,
}

/// <summary>Maps patch Content-Types to <see cref="PatchType"/>.</summary>
public static class PatchTypes
{
    /// <summary>The media type of each patch type.</summary>
    public static string MediaType(PatchType type) => type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => "application/apply-patch+yaml",
    };

    /// <summary>Parses a Content-Type header (parameters ignored); null when it is no patch type.</summary>
    public static PatchType? Parse(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/merge-patch+json" => PatchType.Merge,
            "application/json-patch+json" => PatchType.Json,
            "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
            "application/apply-patch+yaml" or "application/apply-patch+json" => PatchType.Apply,
            _ => null,
        };
    }
}
