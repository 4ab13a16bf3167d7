namespace VisitCounter.Kube.Runtime.Events;

/// <summary>How events are attributed, queued, aggregated and rate limited (defaults as client-go's recorder).</summary>
public sealed record EventRecorderOptions
{
    /// <summary><c>source.component</c> and <c>reportingComponent</c> of every event.</summary>
    public string Component { get; set; } = "kube-operator";

    /// <summary><c>source.host</c> and <c>reportingInstance</c>; null: this machine's name.</summary>
    public string? Host { get; set; }

    /// <summary>
    /// A repeat within this window after the last occurrence bumps the existing Event's count instead of creating one;
    /// similar events (only the message differs) are counted towards <see cref="SimilarEventsThreshold"/> within it.
    /// </summary>
    public TimeSpan AggregationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>From this many similar events within the window on, they are combined into one Event (client-go: 10).</summary>
    public int SimilarEventsThreshold { get; set; } = 10;

    /// <summary>Events an object may get at once, per type, before the spam filter drops them (client-go: 25).</summary>
    public int SpamBurst { get; set; } = 25;

    /// <summary>After the burst, one more event per object and type per this interval (client-go: 5 minutes).</summary>
    public TimeSpan SpamRefillInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many series, similar-event groups and spam buckets are remembered each (least recently used are forgotten).</summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>Events waiting to be written; when full, new ones are dropped rather than blocking the caller (client-go: 1000).</summary>
    public int QueueLength { get; set; } = 1000;

    /// <summary>How long shutdown waits for queued events to be written before it abandons them.</summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws with the option name and the fix when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Component, "EventRecorderOptions.Component");
        Positive(CacheSize, nameof(CacheSize));
        Positive(QueueLength, nameof(QueueLength));
        Positive(SpamBurst, nameof(SpamBurst));
        Positive(SimilarEventsThreshold, nameof(SimilarEventsThreshold));
        if (AggregationWindow <= TimeSpan.Zero || SpamRefillInterval <= TimeSpan.Zero || FlushTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"EventRecorderOptions.AggregationWindow ({AggregationWindow}) and SpamRefillInterval ({SpamRefillInterval}) must be positive and FlushTimeout ({FlushTimeout}) not negative.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"EventRecorderOptions.{name} must be at least 1 (was {value}).");
        }
    }
}
