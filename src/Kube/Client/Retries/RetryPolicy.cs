namespace VisitCounter.Kube.Client.Retries;

/// <summary>
/// Decides whether a failed attempt is sent again and after how long (pure; the client does the waiting).
/// <list type="table">
/// <item><term>429 Too Many Requests</term><description>
/// every request: the server's flow control rejected it before doing anything. Waits <c>Retry-After</c> (capped),
/// else backs off.</description></item>
/// <item><term>5xx with <c>Retry-After</c></term><description>
/// reads and idempotent writes wait the hint (client-go retries these for every verb; we exclude non-idempotent writes
/// because a 5xx, e.g. 504 "may still be processing the request", does not say the write was not applied).</description></item>
/// <item><term>5xx without a hint</term><description>reads and idempotent writes back off.</description></item>
/// <item><term>Connection never made</term><description>every request backs off: the server never saw it.</description></item>
/// <item><term>Connection lost, timeout</term><description>
/// reads and idempotent writes back off; a non-idempotent write surfaces, since it may have been applied and its
/// repeat would apply it again (a second generateName object).</description></item>
/// <item><term>Anything else</term><description>surfaces at once: a 4xx says something about the request.</description></item>
/// </list>
/// Backoff: <see cref="ClientRetryOptions.InitialBackoff"/> doubling to <see cref="ClientRetryOptions.MaxBackoff"/>,
/// plus up to 50 % jitter so clients failing together do not retry together.
/// </summary>
public sealed class RetryPolicy(ClientRetryOptions options)
{
    /// <summary>The delay before retry number <paramref name="retry"/> + 1, or null to give up.</summary>
    /// <param name="safety">What repeating the request could do.</param>
    /// <param name="outcome">How the last attempt failed.</param>
    /// <param name="retry">Retries already made (0 after the first attempt).</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public TimeSpan? NextDelay(RequestSafety safety, AttemptOutcome outcome, int retry, double jitter)
    {
        var repeatable = safety != RequestSafety.NonIdempotentWrite;
        var kind = outcome switch
        {
            { StatusCode: 429 } => outcome.RetryAfter is null ? Wait.Backoff : Wait.Hint,
            { StatusCode: >= 500, RetryAfter: not null } when repeatable => Wait.Hint,
            { StatusCode: >= 500 } when repeatable => Wait.Backoff,
            { Transport: TransportFailure.NotSent } => Wait.Backoff,
            { Transport: TransportFailure.ConnectionLost or TransportFailure.Timeout } when repeatable => Wait.Backoff,
            _ => Wait.None,
        };

        return kind switch
        {
            Wait.Hint when retry < options.MaxRetries => HintDelay(outcome.RetryAfter!.Value, retry, jitter),
            Wait.Backoff when retry < Math.Min(options.MaxBackoffRetries, options.MaxRetries) => Backoff(retry, jitter),
            _ => null,
        };
    }

    /// <summary>The jittered exponential backoff before retry number <paramref name="retry"/> + 1.</summary>
    public TimeSpan Backoff(int retry, double jitter)
    {
        var exponential = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + (0.5 * jitter)));
    }

    // "Retry-After: 0" asks for an immediate retry; a short backoff keeps a misbehaving server from a tight loop.
    private TimeSpan HintDelay(TimeSpan retryAfter, int retry, double jitter)
        => retryAfter <= TimeSpan.Zero ? Backoff(retry, jitter) : retryAfter > options.MaxRetryAfter ? options.MaxRetryAfter : retryAfter;

    private enum Wait
    {
        None,
        Hint,
        Backoff,
    }
}
