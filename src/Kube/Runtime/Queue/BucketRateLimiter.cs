using VisitCounter.Kube.Client.RateLimiting;

namespace VisitCounter.Kube.Runtime.Queue;

/// <summary>
/// An overall token bucket shared by all items (client-go's <c>BucketRateLimiter</c>): after a burst, retries are spread
/// to at most <c>qps</c> per second, so a thousand objects failing at once cannot flood the API server.
/// </summary>
/// <typeparam name="TItem">The queued item type.</typeparam>
public sealed class BucketRateLimiter<TItem> : IRateLimiter<TItem>
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly TokenBucket bucket;

    /// <summary>Creates a bucket holding <paramref name="burst"/> tokens, refilled at <paramref name="qps"/> per second.</summary>
    public BucketRateLimiter(double qps, int burst, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        this.time = time ?? TimeProvider.System;
        origin = this.time.GetTimestamp();
        bucket = new TokenBucket(qps, burst, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public TimeSpan When(TItem item)
    {
        lock (gate)
        {
            // Reserve a token even if it is not there yet; the caller waits until it would have been.
            return bucket.Reserve(time.GetElapsedTime(origin));
        }
    }

    /// <inheritdoc />
    public void Forget(TItem item)
    {
        // The bucket is shared: one item's success returns no tokens.
    }

    /// <inheritdoc />
    public int NumRequeues(TItem item) => 0;
}
