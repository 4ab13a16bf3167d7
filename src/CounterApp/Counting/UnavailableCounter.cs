namespace VisitCounter.CounterApp.Counting;

/// <summary>
/// The counter of a pod whose visits file could not be opened at start-up (corrupt, unreadable,
/// read-only): it reports the count if it is known and refuses every visit with the same reason,
/// until someone fixes the volume and restarts the pod.
/// </summary>
public sealed class UnavailableCounter(string problem, long? knownCount) : IVisitCounter
{
    /// <inheritdoc />
    public CounterStatus Status { get; } = new(knownCount, problem);

    /// <inheritdoc />
    public ValueTask<long> RecordVisitAsync(CancellationToken cancellationToken) =>
        ValueTask.FromException<long>(new StorageUnavailableException(problem));

    /// <inheritdoc />
    public Task<CounterStatus> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(Status);
}
