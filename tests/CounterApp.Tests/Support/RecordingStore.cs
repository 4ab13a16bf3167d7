using VisitCounter.CounterApp.Storage;

namespace VisitCounter.CounterApp.Tests.Support;

/// <summary>
/// An in-memory store that records writes and flushes and can be told to fail or to hold flushes.
/// <see cref="Durable"/> is what a crash would leave: the last value written before a flush started.
/// </summary>
internal sealed class RecordingStore : IVisitStore
{
    private readonly Lock _gate = new();
    private readonly List<long> _writes = [];
    private long? _current;
    private Exception? _failure;

    /// <summary>Flushes wait on this gate; reset it to hold them.</summary>
    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    public IReadOnlyList<long> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    public long? LastWritten
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public long? Durable { get; private set; }

    public int Flushes { get; private set; }

    public bool Disposed { get; private set; }

    public void FailWith(Exception? failure)
    {
        lock (_gate)
        {
            _failure = failure;
        }
    }

    public void Write(long count)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            _writes.Add(count);
            _current = count;
        }
    }

    public void Flush()
    {
        long? snapshot;
        lock (_gate)
        {
            snapshot = _current;
        }

        Gate.Wait(TimeSpan.FromSeconds(30));
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            Flushes++;
            if (snapshot > (Durable ?? -1) || Durable is null)
            {
                Durable = snapshot;
            }
        }
    }

    public void Dispose() => Disposed = true;
}
