namespace VisitCounter.Kube.Client.RateLimiting;

/// <summary>
/// The client-side rate limit of every request the client sends (client-go's <c>flowcontrol.NewTokenBucketRateLimiter</c>,
/// set from <c>rest.Config.QPS</c>/<c>Burst</c>): a burst of requests goes out at once, after that at most
/// <c>qps</c> per second. A waiting caller is released in arrival order and may cancel its wait.
/// Thread-safe.
/// </summary>
public sealed class ClientRateLimiter
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly TokenBucket bucket;

    /// <summary>Creates a limiter that admits <paramref name="burst"/> requests at once and <paramref name="qps"/> per second after.</summary>
    public ClientRateLimiter(double qps, int burst, TimeProvider? time = null)
    {
        if (!(qps > 0) || double.IsInfinity(qps))
        {
            throw new ArgumentOutOfRangeException(nameof(qps), qps, "The client QPS must be a finite number greater than 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        this.time = time ?? TimeProvider.System;
        origin = this.time.GetTimestamp();
        bucket = new TokenBucket(qps, burst, TimeSpan.Zero);
    }

    /// <summary>Waits until the request may be sent; returns how long that took (zero within the burst).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first; the token is given back.</exception>
    public async ValueTask<TimeSpan> WaitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TimeSpan delay;
        lock (gate)
        {
            delay = bucket.Reserve(Now());
        }

        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (gate)
            {
                bucket.Return(Now());
            }

            throw;
        }

        return delay;
    }

    private TimeSpan Now() => time.GetElapsedTime(origin);
}
