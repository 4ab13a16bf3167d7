using VisitCounter.Kube.Selectors;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>
/// A list-then-watch cache of one kind (client-go's reflector + indexer + shared informer in one class).
/// It lists, watches from the list's resourceVersion with bookmarks and a randomised server-side timeout,
/// resumes from the last seen resourceVersion after a dropped stream, relists on 410 Gone, and backs off
/// (800 ms doubling to 30 s, jittered) on repeated failures. Every failure is logged and counted; none is skipped.
/// </summary>
/// <typeparam name="TEntity">The watched kind.</typeparam>
public sealed class Informer<TEntity> : IInformer<TEntity>, IRunnableInformer
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetesClient client;
    private readonly InformerOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly Lock deliveryGate = new();
    private readonly InformerStore<TEntity> store = new();
    private readonly List<IInformerEventHandler<TEntity>> handlers = [];
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string resource;
    private readonly Counter watchErrors;
    private readonly Counter relists;
    private string? resourceVersion;

    /// <summary>Creates an informer; nothing happens until <see cref="RunAsync"/>.</summary>
    public Informer(IKubernetesClient client, InformerOptions options, ILogger<Informer<TEntity>> logger, RuntimeMetrics metrics, TimeProvider? time = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        if (options.MaxWatchTimeout < options.MinWatchTimeout || options.MinWatchTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException(
                $"InformerOptions.MinWatchTimeout ({options.MinWatchTimeout}) must be at least 1 s and not above MaxWatchTimeout ({options.MaxWatchTimeout}).",
                nameof(options));
        }

        this.client = client;
        this.options = options;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        this.random = random ?? Random.Shared;
        var metadata = EntityMetadata.For<TEntity>();
        resource = metadata.Group.Length == 0 ? metadata.Plural : $"{metadata.Plural}.{metadata.Group}";
        watchErrors = metrics.WatchErrors.WithLabels(resource);
        relists = metrics.Relists.WithLabels(resource);
    }

    /// <inheritdoc />
    public bool HasSynced => synced.Task.IsCompleted;

    /// <summary>The resourceVersion the next watch would start from (null: a list is due).</summary>
    public string? LastSyncResourceVersion => Volatile.Read(ref resourceVersion);

    /// <inheritdoc />
    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) => synced.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public TEntity? Get(string name, string? @namespace = null) => store.Get(new ObjectKey(@namespace, name));

    /// <inheritdoc />
    public IReadOnlyList<TEntity> List(string? @namespace = null, string? labelSelector = null) =>
        store.List(@namespace, LabelSelector.Parse(labelSelector));

    /// <inheritdoc />
    public void AddEventHandler(IInformerEventHandler<TEntity> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);

        // Holding the delivery lock while replaying means no change can slip between the snapshot and registration.
        lock (deliveryGate)
        {
            handlers.Add(handler);
            foreach (var entity in store.List(null, LabelSelector.Everything))
            {
                Notify(handler, new StoreChange<TEntity>(null, entity));
            }
        }
    }

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), 0.2, random);
        while (!cancellationToken.IsCancellationRequested)
        {
            var delay = TimeSpan.Zero;
            try
            {
                if (LastSyncResourceVersion is null)
                {
                    // A successful list alone does not reset the backoff: only a watch that delivers events proves health,
                    // otherwise "list, 410, list, 410, ..." would hammer the server.
                    await ListAndReplaceAsync(cancellationToken);
                }

                var outcome = await WatchOnceAsync(backoff, cancellationToken);
                if (outcome.Events == 0 && outcome.Duration < options.ShortWatchThreshold)
                {
                    // An immediately closed, empty stream is a broken server or proxy, not a timeout: don't hammer it.
                    watchErrors.Inc();
                    InformerLog.ShortWatch(logger, resource, (long)outcome.Duration.TotalMilliseconds);
                    delay = backoff.Next();
                }
                else
                {
                    // The server-side timeout, or a connection dropped after useful work: resume at once.
                    InformerLog.WatchEnded(logger, resource, LastSyncResourceVersion);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (GoneException error)
            {
                watchErrors.Inc();
                var expired = LastSyncResourceVersion;
                Volatile.Write(ref resourceVersion, null);
                InformerLog.Expired(logger, resource, expired, error.Message);

                // The first 410 after healthy watching is routine (history compacted while we were away): relist at once.
                // A 410 straight after a relist means something is wrong, so those back off like any failure.
                var next = backoff.Next();
                delay = backoff.Failures > 1 ? next : TimeSpan.Zero;
            }
            catch (Exception error)
            {
                watchErrors.Inc();
                delay = backoff.Next();
                var resumeAt = LastSyncResourceVersion;
                if (resumeAt is null)
                {
                    InformerLog.ListFailed(logger, error, resource, backoff.Failures, (long)delay.TotalMilliseconds);
                }
                else
                {
                    InformerLog.WatchFailed(logger, error, resource, backoff.Failures, resumeAt, (long)delay.TotalMilliseconds);
                }
            }

            if (delay > TimeSpan.Zero && !await DelayAsync(delay, cancellationToken))
            {
                break;
            }
        }
    }

    private async Task ListAndReplaceAsync(CancellationToken cancellationToken)
    {
        relists.Inc();
        var listOptions = new ListOptions { Limit = options.ListPageSize, LabelSelector = options.LabelSelector };
        var list = await client.ListAllAsync<TEntity>(options.Namespace, listOptions, cancellationToken);
        var listVersion = list.Metadata?.ResourceVersion;
        if (string.IsNullOrEmpty(listVersion))
        {
            throw new InvalidOperationException($"The list of {resource} has no metadata.resourceVersion, so a watch cannot start from it.");
        }

        lock (deliveryGate)
        {
            foreach (var change in store.Replace(list.Items.Select(Transform)))
            {
                NotifyAll(change);
            }
        }

        Volatile.Write(ref resourceVersion, listVersion);
        synced.TrySetResult();
        InformerLog.Listed(logger, list.Items.Count, resource, listVersion);
    }

    private async Task<WatchOutcome> WatchOnceAsync(Backoff backoff, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var span = options.MaxWatchTimeout - options.MinWatchTimeout;
        var timeout = options.MinWatchTimeout + TimeSpan.FromSeconds(random.NextDouble() * span.TotalSeconds);
        var watchOptions = new WatchOptions
        {
            ResourceVersion = LastSyncResourceVersion,
            LabelSelector = options.LabelSelector,
            AllowWatchBookmarks = true,
            TimeoutSeconds = (int)timeout.TotalSeconds,
        };
        var events = 0;
        using var stalled = new CancellationTokenSource(timeout + options.WatchStallGrace, time);
        using var watchToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stalled.Token);
        try
        {
            await foreach (var watchEvent in client.WatchAsync<TEntity>(options.Namespace, watchOptions, watchToken.Token))
            {
                if (events++ == 0)
                {
                    backoff.Reset();
                }

                Apply(watchEvent);
            }
        }
        catch (OperationCanceledException) when (stalled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            watchErrors.Inc();
            InformerLog.WatchStalled(logger, resource, (int)timeout.TotalSeconds, LastSyncResourceVersion);
        }

        return new WatchOutcome(events, time.GetElapsedTime(started));
    }

    private void Apply(WatchEvent<TEntity> watchEvent)
    {
        if (watchEvent.Type == WatchEventType.Error)
        {
            // The client contract throws for ERROR events; this guards a client that yields them instead.
            throw ApiErrors.FromWatchError(watchEvent.Status);
        }

        var entity = Transform(watchEvent.Object
            ?? throw new InvalidOperationException($"Watch event {watchEvent.Type} for {resource} carried no object."));
        if (watchEvent.Type != WatchEventType.Bookmark)
        {
            lock (deliveryGate)
            {
                // A DELETED event carries the object's final state, which is newer than what the cache holds.
                var change = watchEvent.Type == WatchEventType.Deleted
                    ? new StoreChange<TEntity>(store.Remove(InformerStore<TEntity>.KeyOf(entity)) is null ? null : entity, null)
                    : new StoreChange<TEntity>(store.Upsert(entity), entity);
                NotifyAll(change);
            }
        }

        if (!string.IsNullOrEmpty(entity.Metadata?.ResourceVersion))
        {
            Volatile.Write(ref resourceVersion, entity.Metadata.ResourceVersion);
        }
    }

    /// <summary>Makes an object as lean as the options ask before it is stored: one copy per object, nothing unread kept.</summary>
    private TEntity Transform(TEntity entity)
    {
        if (options.StripManagedFields && entity.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
        }

        return entity;
    }

    private void NotifyAll(StoreChange<TEntity> change)
    {
        foreach (var handler in handlers)
        {
            Notify(handler, change);
        }
    }

    private void Notify(IInformerEventHandler<TEntity> handler, StoreChange<TEntity> change)
    {
        try
        {
            switch (change)
            {
                case { Old: null, New: { } added }:
                    handler.OnAdd(added);
                    break;
                case { Old: { } old, New: { } updated }:
                    handler.OnUpdate(old, updated);
                    break;
                case { Old: { } deleted, New: null }:
                    handler.OnDelete(deleted);
                    break;
            }
        }
        catch (Exception error)
        {
            // One faulty handler must neither stop the cache nor starve the other handlers.
            InformerLog.HandlerFailed(logger, error, resource);
        }
    }

    /// <summary>Waits; false when cancelled meanwhile.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private readonly record struct WatchOutcome(int Events, TimeSpan Duration);
}
