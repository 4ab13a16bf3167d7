namespace VisitCounter.Kube.Client.RateLimiting;

/// <summary>
/// Token-bucket arithmetic in the model of <c>golang.org/x/time/rate</c> (which client-go's flowcontrol uses):
/// the bucket starts full with <c>burst</c> tokens and refills at <c>rate</c> tokens per second, never above
/// <c>burst</c>. Pure: the caller passes the current instant (any monotonic origin) and provides the locking.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double rate;
    private readonly double burst;
    private double tokens;
    private TimeSpan last;

    /// <summary>A full bucket at <paramref name="now"/>.</summary>
    public TokenBucket(double rate, int burst, TimeSpan now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        this.rate = rate;
        this.burst = burst;
        tokens = burst;
        last = now;
    }

    /// <summary>Takes a token if one is there (client-go's passive <c>TryAccept</c>); false leaves the bucket as it was.</summary>
    public bool TryTake(TimeSpan now)
    {
        Refill(now);
        if (tokens < 1)
        {
            return false;
        }

        tokens -= 1;
        return true;
    }

    /// <summary>
    /// Takes a token even if it is not there yet and returns how long the caller must wait until it would have been
    /// (x/time/rate's <c>Reserve</c>). Reserving, not polling, keeps concurrent waiters in arrival order.
    /// </summary>
    public TimeSpan Reserve(TimeSpan now)
    {
        Refill(now);
        tokens -= 1;
        return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / rate);
    }

    /// <summary>
    /// Gives back a reserved token whose wait was abandoned (cancellation). Simpler than x/time/rate's exact restore:
    /// a later reservation may then start marginally early, which errs towards the server, never towards starvation.
    /// </summary>
    public void Return(TimeSpan now)
    {
        Refill(now);
        tokens = Math.Min(burst, tokens + 1);
    }

    private void Refill(TimeSpan now)
    {
        if (now > last)
        {
            tokens = Math.Min(burst, tokens + ((now - last).TotalSeconds * rate));
            last = now;
        }
    }
}
