using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VisitCounter.CounterApp.Metrics;
using VisitCounter.CounterApp.Storage;

namespace VisitCounter.CounterApp.Counting;

/// <summary>
/// Counts visits with group commit: every visit that arrives while a write is in progress joins the
/// next batch, and one write + flush makes the whole batch durable before any of its visits is answered.
/// </summary>
/// <remarks>
/// One dedicated writer thread owns the store and the committed count, so numbers need no locks
/// beyond the short one that lets a request join the open batch. A batch's numbers are assigned
/// when the writer takes it (first = committed + 1), which keeps them contiguous even after a failed
/// batch: numbers of a batch that could not be flushed were never told to anyone, so they are reused.
/// Throughput is therefore bounded by requests in flight per flush, not by flushes per second.
/// </remarks>
public sealed class GroupCommitter : IVisitCounter, IAsyncDisposable
{
    private readonly IVisitStore _store;
    private readonly ILogger _logger;
    private readonly CommitMetrics _metrics;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Batch _open = new();
    private volatile bool _closed;
    private long _committed;
    private volatile string? _fault;

    /// <summary>Starts the writer thread over <paramref name="store"/>, whose durable count is <paramref name="committedCount"/>.</summary>
    public GroupCommitter(IVisitStore store, long committedCount, CommitMetrics metrics, ILogger<GroupCommitter> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(committedCount);
        _store = store;
        _committed = committedCount;
        _metrics = metrics;
        _logger = logger;
        var writer = new Thread(WriteLoop) { IsBackground = true, Name = "visit-commit" };
        writer.Start();
    }

    /// <inheritdoc />
    public CounterStatus Status => new(Volatile.Read(ref _committed), _closed ? "the app is shutting down" : _fault);

    /// <inheritdoc />
    public async ValueTask<long> RecordVisitAsync(CancellationToken cancellationToken)
    {
        (Batch batch, int index) = Join(visits: 1);
        await batch.Committed.Task.WaitAsync(cancellationToken);
        return batch.FirstNumber + index;
    }

    /// <inheritdoc />
    public async Task<CounterStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            (Batch batch, _) = Join(visits: 0);
            await batch.Committed.Task.WaitAsync(cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            // The status below carries the reason.
        }

        return Status;
    }

    /// <summary>Stops taking visits, commits those already taken, and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _wake.Release();
        await _stopped.Task;
        _store.Dispose();
        _wake.Dispose();
    }

    private (Batch Batch, int Index) Join(int visits)
    {
        Batch batch;
        int index;
        bool wakeWriter;
        lock (_gate)
        {
            if (_closed)
            {
                throw new StorageUnavailableException("the app is shutting down");
            }

            batch = _open;
            index = batch.Visits;
            batch.Visits += visits;
            batch.Probe |= visits == 0;
            wakeWriter = !batch.WriterWoken;
            batch.WriterWoken = true;
        }

        // One release per batch: the writer takes exactly the batch whose release it consumed.
        if (wakeWriter)
        {
            _wake.Release();
        }

        return (batch, index);
    }

    private void WriteLoop()
    {
        try
        {
            bool closing;
            do
            {
                _wake.Wait();
                Batch batch;
                lock (_gate)
                {
                    batch = _open;
                    _open = new Batch();
                    closing = _closed;
                }

                // After _closed is set nobody can join, so the batch taken while closing is the last one.
                if (batch.Visits > 0 || batch.Probe)
                {
                    Commit(batch);
                }
            }
            while (!closing);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Commit(Batch batch)
    {
        long committed = _committed;
        long next = committed + batch.Visits;
        long started = Stopwatch.GetTimestamp();
        try
        {
            _store.Write(next);
        }
        catch (Exception ex)
        {
            _metrics.RecordFailure();
            string problem = $"cannot persist the visit count: {ex.Message}";
            if (_fault is null)
            {
                _logger.LogError("Storage problem: {Problem}; visits are refused (503) until a write succeeds, the count stays {Count}", problem, committed);
            }

            _fault = problem;
            batch.Committed.SetException(new StorageUnavailableException(problem, ex));
            return;
        }

        _metrics.RecordCommit(batch.Visits, Stopwatch.GetTimestamp() - started);
        batch.FirstNumber = committed + 1;
        Volatile.Write(ref _committed, next);
        if (_fault is not null)
        {
            _fault = null;
            _logger.LogWarning("Storage recovered: count {Count} persisted, visits are accepted again", next);
        }

        batch.Committed.SetResult();
    }

    /// <summary>Visits waiting for the same write + flush.</summary>
    private sealed class Batch
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Visits { get; set; }

        public bool Probe { get; set; }

        public bool WriterWoken { get; set; }

        public long FirstNumber { get; set; }
    }
}
