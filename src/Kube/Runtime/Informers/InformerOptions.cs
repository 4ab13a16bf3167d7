namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>How an informer lists and watches.</summary>
public sealed record InformerOptions
{
    /// <summary>Only this namespace (null: all namespaces, or the kind is cluster-scoped).</summary>
    public string? Namespace { get; init; }

    /// <summary>Only objects matching this label selector are listed, watched and cached (null: all).</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Drop <c>metadata.managedFields</c> before an object is stored.</summary>
    public bool StripManagedFields { get; init; }

    /// <summary>Page size of the initial list and of relists (null: one request).</summary>
    public int? ListPageSize { get; init; } = 500;

    /// <summary>Shortest server-side watch timeout; each watch picks a random value up to <see cref="MaxWatchTimeout"/>.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest server-side watch timeout.</summary>
    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// If the server has not closed a watch this long after its own timeout, the connection is presumed dead (a half-open
    /// TCP connection delivers nothing and never ends) and the informer resumes on a fresh one.
    /// </summary>
    public TimeSpan WatchStallGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A watch that ends on its own faster than this without delivering anything counts as a failure (backoff), not a timeout.</summary>
    public TimeSpan ShortWatchThreshold { get; init; } = TimeSpan.FromSeconds(1);
}
