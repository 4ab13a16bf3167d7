using VisitCounter.Kube.Client.RateLimiting;

namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// client-go's <c>EventSourceObjectSpamFilter</c>: a token bucket per object and event type (burst 25, one more every
/// 5 minutes by default), so an object that is always unhealthy cannot fill etcd with Events. Not thread-safe.
/// </summary>
internal sealed class EventSpamFilter(int burst, TimeSpan refillInterval, int capacity)
{
    private readonly LruCache<EventKey, TokenBucket> buckets = new(capacity);

    /// <summary>True when an occurrence of <paramref name="key"/> at <paramref name="now"/> may be written.</summary>
    public bool Allow(EventKey key, DateTimeOffset now)
    {
        var source = key.Source;
        var instant = now - DateTimeOffset.UnixEpoch;
        if (!buckets.TryGet(source, out var bucket))
        {
            bucket = new TokenBucket(1 / refillInterval.TotalSeconds, burst, instant);
            buckets.Set(source, bucket);
        }

        return bucket.TryTake(instant);
    }
}
