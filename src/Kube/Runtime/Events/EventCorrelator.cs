namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// Decides whether an occurrence is new or a repeat of a recent Event (a small version of client-go's EventCorrelator):
/// identical (object, type, reason, message) within the aggregation window map to the same Event, whose count grows.
/// Bounded: the least recently used series are forgotten. Not thread-safe; the recorder serialises calls.
/// </summary>
internal sealed class EventCorrelator(TimeSpan window, int capacity)
{
    private readonly Dictionary<EventKey, LinkedListNode<Series>> index = [];
    private readonly LinkedList<Series> recency = new();

    /// <summary>The series to update for a repeat at <paramref name="now"/>, or null when a new Event must be created.</summary>
    public Series? FindRepeat(EventKey key, DateTimeOffset now)
    {
        if (!index.TryGetValue(key, out var node))
        {
            return null;
        }

        if (now - node.Value.LastTimestamp > window)
        {
            Forget(key);
            return null;
        }

        return node.Value;
    }

    /// <summary>Remembers the Event now backing <paramref name="key"/>.</summary>
    public void Remember(EventKey key, Series series)
    {
        Forget(key);
        index[key] = recency.AddFirst(series);
        while (index.Count > capacity && recency.Last is { } oldest)
        {
            index.Remove(oldest.Value.Key);
            recency.RemoveLast();
        }
    }

    /// <summary>Drops <paramref name="key"/> (e.g. its Event expired on the server).</summary>
    public void Forget(EventKey key)
    {
        if (index.Remove(key, out var node))
        {
            recency.Remove(node);
        }
    }

    /// <summary>One aggregated Event on the server.</summary>
    internal sealed record Series(EventKey Key, string Namespace, string Name, int Count, DateTimeOffset FirstTimestamp, DateTimeOffset LastTimestamp);
}

/// <summary>What makes two occurrences "the same event".</summary>
internal readonly record struct EventKey(string? Uid, string Kind, string? Namespace, string Name, EventType Type, string Reason, string Message);
