namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>
/// Jittered exponential backoff for repeated list/watch failures (client-go's reflector uses 800 ms doubling to 30 s).
/// Jitter spreads the retries of many operator replicas so a recovering API server is not hit in lockstep.
/// </summary>
public sealed class Backoff
{
    private readonly TimeSpan initial;
    private readonly TimeSpan max;
    private readonly double jitter;
    private readonly Random random;
    private int failures;

    /// <summary>Creates a backoff.</summary>
    /// <param name="initial">The delay after the first failure.</param>
    /// <param name="max">The longest delay before jitter.</param>
    /// <param name="jitter">Up to this fraction of the delay is added at random (0 = none).</param>
    /// <param name="random">The random source (a seeded one makes tests reproducible).</param>
    public Backoff(TimeSpan initial, TimeSpan max, double jitter = 0.2, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initial.Ticks, nameof(initial));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random ?? Random.Shared;
    }

    /// <summary>Failures since the last <see cref="Reset"/>.</summary>
    public int Failures => failures;

    /// <summary>Records a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan Next()
    {
        var exponent = failures;
        failures++;
        var ticks = Math.Min(initial.Ticks * Math.Pow(2, Math.Min(exponent, 62)), max.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 + (jitter * random.NextDouble()))));
    }

    /// <summary>Forgets past failures after a success.</summary>
    public void Reset() => failures = 0;
}
