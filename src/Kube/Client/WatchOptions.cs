namespace VisitCounter.Kube.Client;

/// <summary>Query parameters of one watch request.</summary>
public sealed record WatchOptions
{
    /// <summary>Start after this version (normally the list's <c>metadata.resourceVersion</c> or the last event's).</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Label selector, same syntax as for list.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector, same syntax as for list.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Ask the server to send BOOKMARK events carrying the latest resourceVersion.</summary>
    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>Server-side timeout; the server closes the stream after it and the caller re-watches.</summary>
    public int? TimeoutSeconds { get; init; }
}
