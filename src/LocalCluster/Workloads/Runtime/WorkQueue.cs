using System.Threading.Channels;

namespace VisitCounter.LocalCluster.Workloads.Runtime;

/// <summary>
/// A deduplicating work queue of object keys, like client-go's workqueue: a key added while it waits is queued once,
/// a key added while it is being processed is processed again afterwards (never twice at the same time), and a key
/// can be added after a delay (the earliest pending delay wins, since a later reconcile would redo the same work).
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyWhileProcessing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Due, ITimer Timer)> _delayed = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public WorkQueue(TimeProvider time) => _time = time;

    public void Add(string key)
    {
        lock (_gate)
        {
            if (_processing.Contains(key))
            {
                _dirtyWhileProcessing.Add(key);
                return;
            }

            if (_queued.Add(key))
            {
                _ready.Writer.TryWrite(key);
            }
        }
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        var due = _time.GetUtcNow() + delay;
        lock (_gate)
        {
            if (_delayed.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var timer = _time.CreateTimer(
                _ =>
                {
                    lock (_gate)
                    {
                        _delayed.Remove(key);
                    }

                    Add(key);
                },
                null,
                delay,
                Timeout.InfiniteTimeSpan);
            _delayed[key] = (due, timer);
        }
    }

    /// <summary>Takes keys one by one and runs <paramref name="process"/> on each with up to <paramref name="workers"/> in parallel.</summary>
    public async Task RunAsync(Func<string, CancellationToken, Task> process, int workers, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkerAsync(process, cancellationToken)));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, (_, timer)) in _delayed)
            {
                timer.Dispose();
            }

            _delayed.Clear();
        }

        _ready.Writer.TryComplete();
    }

    private async Task WorkerAsync(Func<string, CancellationToken, Task> process, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var key in _ready.Reader.ReadAllAsync(cancellationToken))
            {
                lock (_gate)
                {
                    _queued.Remove(key);
                    _processing.Add(key);
                }

                try
                {
                    await process(key, cancellationToken);
                }
                finally
                {
                    lock (_gate)
                    {
                        _processing.Remove(key);
                        if (_dirtyWhileProcessing.Remove(key) && _queued.Add(key))
                        {
                            _ready.Writer.TryWrite(key);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
