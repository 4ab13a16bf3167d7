using System.Threading.Channels;

namespace VisitCounter.LocalCluster.ApiServer.Storage;

/// <summary>
/// One registered watcher: the store writes every matching committed event into <see cref="Reader"/>, in
/// commit order. Disposing unregisters it (a disconnected client must not leak a watcher).
/// </summary>
internal sealed class WatchChannel : IDisposable
{
    private readonly Channel<StoreEvent> _channel = Channel.CreateUnbounded<StoreEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Action<WatchChannel> _unregister;
    private int _disposed;

    public WatchChannel(Resources.ResourceRef resource, string? ns, Action<WatchChannel> unregister)
    {
        Resource = resource;
        Namespace = ns;
        _unregister = unregister;
    }

    public Resources.ResourceRef Resource { get; }

    /// <summary>Null watches every namespace.</summary>
    public string? Namespace { get; }

    public ChannelReader<StoreEvent> Reader => _channel.Reader;

    /// <summary>How many synthetic ADDED events (the state at the start) precede the live changes.</summary>
    public int InitialEventCount { get; set; }

    /// <summary>The store revision when the watcher was registered: every later change is delivered.</summary>
    public long StartRevision { get; set; }

    public bool Matches(StoreEvent e) =>
        e.Resource == Resource &&
        (Namespace is null || Namespace == (e.Object["metadata"]?["namespace"]?.GetValue<string>() ?? ""));

    public void Publish(StoreEvent e) => _channel.Writer.TryWrite(e);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _unregister(this);
        _channel.Writer.TryComplete();
    }
}
