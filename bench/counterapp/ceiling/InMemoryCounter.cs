namespace VisitCounter.Bench.Ceiling;

/// <summary>A visit count that is never persisted: the upper bound for what HTTP allows.</summary>
internal sealed class InMemoryCounter
{
    private long _visits;

    public long Current => Interlocked.Read(ref _visits);

    public long Next() => Interlocked.Increment(ref _visits);
}
