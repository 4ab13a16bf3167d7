using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VisitCounter.CounterApp.Metrics;
using VisitCounter.CounterApp.Storage;

namespace VisitCounter.CounterApp.Counting;

/// <summary>
/// Counts visits with group commit: every visit that arrives while the writers are busy joins the
/// next batch, and one write + flush makes the whole batch durable before any of its visits is answered.
/// </summary>
/// <remarks>
/// <para>A few writer threads take batches in turn. Assigning a batch's numbers and writing the new
/// count happen under one lock, so numbers are contiguous and the file's count only grows; the flushes
/// then run outside the lock and may overlap, because the kernel merges concurrent device cache
/// flushes. A batch is answered when its own flush returns, which covers its write and every
/// earlier one, so every number ever answered is at most the count on disk.</para>
/// <para>A failed flush starts a new epoch: numbering falls back to the highest count already
/// acknowledged, and batches of the old epoch still in flight are refused even if their flush later
/// succeeds. Their numbers were never told to anyone, so they are handed out again; at worst the file
/// briefly holds a count that includes refused visits, bounded by the requests in flight.</para>
/// </remarks>
public sealed class GroupCommitter : IVisitCounter, IAsyncDisposable
{
    /// <summary>Writer threads, i.e. flushes that may be in progress at once.</summary>
    public const int DefaultWriters = 4;

    private const string ShuttingDown = "the app is shutting down";

    private readonly IVisitStore _store;
    private readonly ILogger _logger;
    private readonly CommitMetrics _metrics;
    private readonly int _writers;
    private readonly Lock _gate = new();
    private readonly Lock _sequence = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _stopped;
    private Batch _open = new();
    private volatile bool _closed;
    private long _assigned;
    private long _durable;
    private int _epoch;
    private volatile string? _fault;

    /// <summary>Starts the writer threads over <paramref name="store"/>, whose durable count is <paramref name="committedCount"/>.</summary>
    public GroupCommitter(IVisitStore store, long committedCount, CommitMetrics metrics, ILogger<GroupCommitter> logger, int writers = DefaultWriters)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(committedCount);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _store = store;
        _assigned = committedCount;
        _durable = committedCount;
        _metrics = metrics;
        _logger = logger;
        _writers = writers;
        var stopped = new Task[writers];
        for (int i = 0; i < writers; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            stopped[i] = done.Task;
            new Thread(() => WriteLoop(done)) { IsBackground = true, Name = $"visit-commit-{i}" }.Start();
        }

        _stopped = Task.WhenAll(stopped);
    }

    /// <inheritdoc />
    public CounterStatus Status => new(Volatile.Read(ref _durable), _closed ? ShuttingDown : _fault);

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

        _wake.Release(_writers);
        await _stopped;
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
                throw new StorageUnavailableException(ShuttingDown);
            }

            batch = _open;
            index = batch.Visits;
            batch.Visits += visits;
            batch.Probe |= visits == 0;
            wakeWriter = !batch.WriterWoken;
            batch.WriterWoken = true;
        }

        // One release per batch: a writer takes the open batch only after consuming a release, so
        // every non-empty batch is taken; extra releases (at shutdown) just find an empty batch.
        if (wakeWriter)
        {
            _wake.Release();
        }

        return (batch, index);
    }

    private void WriteLoop(TaskCompletionSource done)
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

                // After _closed is set nobody can join, so a batch taken while closing is the last one.
                if (batch.Visits > 0 || batch.Probe)
                {
                    Commit(batch);
                }
            }
            while (!closing);
        }
        finally
        {
            done.TrySetResult();
        }
    }

    private void Commit(Batch batch)
    {
        long started = Stopwatch.GetTimestamp();
        long first;
        long next;
        int epoch;
        lock (_sequence)
        {
            first = _assigned + 1;
            next = _assigned + batch.Visits;
            epoch = _epoch;
            try
            {
                _store.Write(next);
            }
            catch (Exception ex)
            {
                Refuse(batch, ex, _durable);
                return;
            }

            _assigned = next;
        }

        try
        {
            _store.Flush();
        }
        catch (Exception ex)
        {
            long durable;
            lock (_sequence)
            {
                if (_epoch == epoch)
                {
                    _epoch++;
                    _assigned = _durable;
                }

                durable = _durable;
            }

            Refuse(batch, ex, durable);
            return;
        }

        lock (_sequence)
        {
            if (_epoch != epoch)
            {
                batch.Committed.SetException(new StorageUnavailableException($"cannot persist the visit count: {_fault ?? "a concurrent flush failed"}"));
                return;
            }

            if (next > _durable)
            {
                Volatile.Write(ref _durable, next);
            }
        }

        _metrics.RecordCommit(batch.Visits, Stopwatch.GetTimestamp() - started);
        batch.FirstNumber = first;
        if (_fault is not null)
        {
            _fault = null;
            _logger.LogWarning("Storage recovered: count {Count} persisted, visits are accepted again", next);
        }

        batch.Committed.SetResult();
    }

    private void Refuse(Batch batch, Exception error, long durable)
    {
        _metrics.RecordFailure();
        string problem = $"cannot persist the visit count: {error.Message}";
        if (_fault is null)
        {
            _logger.LogError("Storage problem: {Problem}; visits are refused (503) until a write succeeds, the count stays {Count}", problem, durable);
        }

        _fault = problem;
        batch.Committed.SetException(new StorageUnavailableException(problem, error));
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
