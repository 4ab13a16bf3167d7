namespace VisitCounter.Kube.Runtime.Queue;

/// <summary>
/// Per-item exponential backoff: <c>baseDelay * 2^failures</c>, capped at <c>maxDelay</c>
/// (client-go's <c>ItemExponentialFailureRateLimiter</c>; controller-runtime uses 5 ms and 1000 s).
/// </summary>
/// <typeparam name="TItem">The queued item type.</typeparam>
public sealed class ExponentialFailureRateLimiter<TItem> : IRateLimiter<TItem>
    where TItem : notnull
{
    /// <summary>controller-runtime's default first retry delay.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>controller-runtime's default longest retry delay.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);

    private readonly Lock gate = new();
    private readonly Dictionary<TItem, int> failures = [];
    private readonly TimeSpan baseDelay;
    private readonly TimeSpan maxDelay;

    /// <summary>Creates a limiter with controller-runtime's defaults (5 ms doubling up to 1000 s).</summary>
    public ExponentialFailureRateLimiter()
        : this(DefaultBaseDelay, DefaultMaxDelay)
    {
    }

    /// <summary>Creates a limiter with the given first and longest delay.</summary>
    public ExponentialFailureRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseDelay.Ticks, nameof(baseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /// <inheritdoc />
    public TimeSpan When(TItem item)
    {
        int exponent;
        lock (gate)
        {
            failures.TryGetValue(item, out exponent);
            failures[item] = exponent + 1;
        }

        // Doubles stay exact far beyond the cap, and the comparison avoids TimeSpan overflow for long failure streaks.
        var delayTicks = baseDelay.Ticks * Math.Pow(2, exponent);
        return delayTicks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)delayTicks);
    }

    /// <inheritdoc />
    public void Forget(TItem item)
    {
        lock (gate)
        {
            failures.Remove(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(TItem item)
    {
        lock (gate)
        {
            return failures.TryGetValue(item, out var count) ? count : 0;
        }
    }
}
