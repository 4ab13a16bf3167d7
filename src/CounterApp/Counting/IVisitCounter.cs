namespace VisitCounter.CounterApp.Counting;

/// <summary>The pod's visit count as the HTTP endpoints see it.</summary>
public interface IVisitCounter
{
    /// <summary>The durable count and whether new visits can be recorded.</summary>
    CounterStatus Status { get; }

    /// <summary>Records one visit and returns its number once it is durable.</summary>
    /// <exception cref="StorageUnavailableException">The visit could not be made durable; it was not counted.</exception>
    ValueTask<long> RecordVisitAsync(CancellationToken cancellationToken);

    /// <summary>Proves that the storage still accepts writes by flushing the current count again.</summary>
    Task<CounterStatus> ProbeAsync(CancellationToken cancellationToken);
}
