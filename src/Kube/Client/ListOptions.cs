namespace VisitCounter.Kube.Client;

/// <summary>Query parameters of a list call.</summary>
public sealed record ListOptions
{
    /// <summary>e.g. <c>app.kubernetes.io/instance=web,tier!=db</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>metadata.name=web-0</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns <c>metadata.continue</c> when more items remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The token from the previous page's <c>metadata.continue</c>.</summary>
    public string? Continue { get; init; }

    /// <summary>Consistency: empty for the latest, <c>0</c> for any cached state, or a specific version.</summary>
    public string? ResourceVersion { get; init; }
}
