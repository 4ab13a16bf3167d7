namespace VisitCounter.Kube.Runtime.Queue;

/// <summary>controller-runtime's default controller rate limiter.</summary>
public static class DefaultRateLimiter
{
    /// <summary>
    /// Per-key 5 ms doubling up to 1000 s, and overall at most 10 retries per second after a burst of 100
    /// (<c>workqueue.DefaultTypedControllerRateLimiter</c>).
    /// </summary>
    public static IRateLimiter<TItem> Create<TItem>(TimeProvider? time = null)
        where TItem : notnull =>
        new MaxOfRateLimiter<TItem>(new ExponentialFailureRateLimiter<TItem>(), new BucketRateLimiter<TItem>(10, 100, time));
}
