using VisitCounter.CounterApp.Storage;

namespace VisitCounter.CounterApp.Tests.Support;

/// <summary>An in-memory store that records every write and can be told to fail or to hold writes.</summary>
internal sealed class RecordingStore : IVisitStore
{
    private readonly Lock _gate = new();
    private readonly List<long> _writes = [];
    private Exception? _failure;

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
                return _writes.Count == 0 ? null : _writes[^1];
            }
        }
    }

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
        Gate.Wait(TimeSpan.FromSeconds(30));
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            _writes.Add(count);
        }
    }

    public void Dispose() => Disposed = true;
}
