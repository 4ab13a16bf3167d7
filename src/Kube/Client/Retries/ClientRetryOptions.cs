namespace VisitCounter.Kube.Client.Retries;

/// <summary>
/// How the client retries a request by itself before an error reaches the caller (client-go's rest client retries
/// 429/5xx answers carrying <c>Retry-After</c> up to 10 times; we add a few short, jittered retries of transient
/// failures where repeating the request is safe, see <see cref="RetryPolicy"/>).
/// </summary>
public sealed record ClientRetryOptions
{
    /// <summary>Retries of an answer that carries <c>Retry-After</c> (client-go's <c>maxRetries</c>, 10).</summary>
    public int MaxRetries { get; init; } = 10;

    /// <summary>The longest <c>Retry-After</c> honoured; a longer hint is cut to this, so one answer cannot park a worker for minutes.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a transient failure without a server hint (5xx, connection failure, timeout); at most <see cref="MaxRetries"/>.</summary>
    public int MaxBackoffRetries { get; init; } = 4;

    /// <summary>The first backoff delay; it doubles per retry up to <see cref="MaxBackoff"/>, each with up to +50 % jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The cap of the exponential backoff (before jitter).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>No retries at all: every failure reaches the caller at once.</summary>
    public static ClientRetryOptions None { get; } = new() { MaxRetries = 0, MaxBackoffRetries = 0 };

    /// <summary>Throws with the property name and the fix when a value cannot work.</summary>
    public void Validate()
    {
        if (MaxRetries < 0 || MaxBackoffRetries < 0)
        {
            throw new ArgumentException($"ClientRetryOptions.MaxRetries ({MaxRetries}) and MaxBackoffRetries ({MaxBackoffRetries}) must not be negative; use 0 to disable retries.");
        }

        if (MaxRetryAfter < TimeSpan.Zero || InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException($"ClientRetryOptions delays must not be negative and MaxBackoff ({MaxBackoff}) must be at least InitialBackoff ({InitialBackoff}).");
        }
    }
}
