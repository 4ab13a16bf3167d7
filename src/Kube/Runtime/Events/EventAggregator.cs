namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// client-go's <c>EventAggregator</c>: once <c>maxEvents</c> occurrences with different messages but the same object,
/// type and reason arrive within the window (each occurrence extends it), further ones go to a single
/// "(combined from similar events): ..." series instead of one Event per message. Not thread-safe.
/// </summary>
internal sealed class EventAggregator(int maxEvents, TimeSpan window, int capacity)
{
    /// <summary>The prefix of a combined Event's message, as client-go writes it.</summary>
    public const string CombinedPrefix = "(combined from similar events): ";

    private readonly LruCache<EventKey, Record> records = new(capacity);

    /// <summary>The series <paramref name="key"/> is recorded in, and the message to write for it.</summary>
    public (EventKey Series, string Message) Aggregate(EventKey key, DateTimeOffset now)
    {
        var similar = key.Similar;
        if (!records.TryGet(similar, out var record) || now - record.LastTimestamp > window)
        {
            record = new Record();
        }

        record.Messages.Add(key.Message!);
        record.LastTimestamp = now;
        records.Set(similar, record);
        if (record.Messages.Count < maxEvents)
        {
            return (key, key.Message!);
        }

        // Like client-go, keep the set below the threshold by forgetting one message: memory stays bounded, and a new
        // message keeps landing in the combined series while the window lasts.
        record.Messages.Remove(record.Messages.First());
        return (similar, CombinedPrefix + key.Message);
    }

    private sealed class Record
    {
        public HashSet<string> Messages { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastTimestamp { get; set; }
    }
}
