namespace VisitCounter.Kube.Runtime.Queue;

/// <summary>
/// Decides how long an item waits before it is retried (client-go's <c>workqueue.TypedRateLimiter</c>).
/// </summary>
/// <typeparam name="TItem">The queued item type.</typeparam>
public interface IRateLimiter<in TItem>
{
    /// <summary>Records one more failure of <paramref name="item"/> and returns how long to wait before retrying it.</summary>
    TimeSpan When(TItem item);

    /// <summary>Clears the failure history of <paramref name="item"/> (after a success).</summary>
    void Forget(TItem item);

    /// <summary>How many times <paramref name="item"/> has failed since it was last forgotten.</summary>
    int NumRequeues(TItem item);
}
