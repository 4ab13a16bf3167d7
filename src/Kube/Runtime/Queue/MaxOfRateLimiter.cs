namespace VisitCounter.Kube.Runtime.Queue;

/// <summary>Waits as long as the strictest of several limiters asks (client-go's <c>MaxOfRateLimiter</c>).</summary>
/// <typeparam name="TItem">The queued item type.</typeparam>
public sealed class MaxOfRateLimiter<TItem>(params IRateLimiter<TItem>[] limiters) : IRateLimiter<TItem>
{
    private readonly IRateLimiter<TItem>[] limiters = limiters.Length > 0
        ? limiters
        : throw new ArgumentException("At least one rate limiter is needed.", nameof(limiters));

    /// <inheritdoc />
    public TimeSpan When(TItem item)
    {
        var longest = TimeSpan.Zero;
        foreach (var limiter in limiters)
        {
            var delay = limiter.When(item);
            if (delay > longest)
            {
                longest = delay;
            }
        }

        return longest;
    }

    /// <inheritdoc />
    public void Forget(TItem item)
    {
        foreach (var limiter in limiters)
        {
            limiter.Forget(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(TItem item) => limiters.Max(l => l.NumRequeues(item));
}
