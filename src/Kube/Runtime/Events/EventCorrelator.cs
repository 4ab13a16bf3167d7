namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// client-go's <c>EventCorrelator</c> (<c>tools/record/events_cache.go</c>) on our own clock, pure and unit-tested:
/// <list type="number">
/// <item><see cref="EventAggregator"/>: many similar events (only the message differs) become one combined series;</item>
/// <item>series: a repeat of a series within the window updates its Event (<c>count</c>, <c>lastTimestamp</c>) instead of
/// creating one, so <c>kubectl describe</c> shows "x5 over 3m";</item>
/// <item><see cref="EventSpamFilter"/>: every occurrence, repeats included, spends a token of its object's bucket.</item>
/// </list>
/// Deviation: an identical repeat after the window starts a new Event (client-go patches the old one for as long as its
/// LRU remembers it), so an Event's age says when the current episode started. Not thread-safe; the recorder's single
/// writer calls it.
/// </summary>
internal sealed class EventCorrelator
{
    private readonly TimeSpan window;
    private readonly EventAggregator aggregator;
    private readonly EventSpamFilter spamFilter;
    private readonly LruCache<EventKey, Series> series;

    /// <summary>Creates a correlator with the options' thresholds.</summary>
    public EventCorrelator(EventRecorderOptions options)
    {
        window = options.AggregationWindow;
        aggregator = new EventAggregator(options.SimilarEventsThreshold, options.AggregationWindow, options.CacheSize);
        spamFilter = new EventSpamFilter(options.SpamBurst, options.SpamRefillInterval, options.CacheSize);
        series = new LruCache<EventKey, Series>(options.CacheSize);
    }

    /// <summary>What to write for an occurrence of <paramref name="key"/> at <paramref name="now"/>.</summary>
    public Correlation Correlate(EventKey key, DateTimeOffset now)
    {
        var (seriesKey, message) = aggregator.Aggregate(key, now);
        var repeat = FindRepeat(seriesKey, now);
        if (!spamFilter.Allow(seriesKey, now))
        {
            if (repeat is not null)
            {
                // Counted although not written now, as client-go does: the next write of the series carries the true count.
                series.Set(seriesKey, repeat with { Count = repeat.Count + 1, LastTimestamp = now });
            }

            return Correlation.Filtered;
        }

        return repeat is null
            ? Correlation.Create(seriesKey, message)
            : Correlation.Update(repeat with { Count = repeat.Count + 1, LastTimestamp = now }, message);
    }

    /// <summary>Remembers the Event now backing its series (after a successful create or update).</summary>
    public void Remember(Series written) => series.Set(written.Key, written);

    /// <summary>Forgets <paramref name="key"/>'s series (its Event expired on the server).</summary>
    public void Forget(EventKey key) => series.Remove(key);

    private Series? FindRepeat(EventKey key, DateTimeOffset now)
    {
        if (!series.TryGet(key, out var found))
        {
            return null;
        }

        if (now - found.LastTimestamp > window)
        {
            series.Remove(key);
            return null;
        }

        return found;
    }

    /// <summary>One Event on the server and how often it happened.</summary>
    internal sealed record Series(EventKey Key, string Namespace, string Name, int Count, DateTimeOffset FirstTimestamp, DateTimeOffset LastTimestamp);

    /// <summary>The correlator's verdict: filter, create a new Event, or update an existing one.</summary>
    internal sealed record Correlation(CorrelationAction Action, EventKey Key, string Message, Series? Existing)
    {
        public static Correlation Filtered { get; } = new(CorrelationAction.Filter, default, string.Empty, null);

        public static Correlation Create(EventKey key, string message) => new(CorrelationAction.Create, key, message, null);

        public static Correlation Update(Series next, string message) => new(CorrelationAction.Update, next.Key, message, next);
    }

    /// <summary>What the recorder does with an occurrence.</summary>
    internal enum CorrelationAction
    {
        Filter,
        Create,
        Update,
    }
}
