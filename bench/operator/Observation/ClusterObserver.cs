using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>
/// Watches the API server's store for VisitCounterApps, StatefulSets, Services and Events, counts every committed
/// write by kind, and keeps what convergence needs of each app. Watching the store (not polling it) sees every
/// write exactly once, including ones a later write overwrites, and costs the operator nothing.
/// </summary>
public sealed class ClusterObserver : IAsyncDisposable
{
    private static readonly ResourceRef[] Watched =
        [WriteClassifier.VisitCounterApps, ResourceRef.StatefulSets, ResourceRef.Services, ResourceRef.Events];

    private readonly IObjectStore store;
    private readonly string ns;
    private readonly Lock gate = new();
    private readonly long[] writes = new long[Enum.GetValues<WriteKind>().Length];
    private readonly Dictionary<string, AppState> apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> statusWritesByApp = new(StringComparer.Ordinal);
    private readonly Dictionary<(ResourceRef Resource, string Name), ChildState> children = [];
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> loops = [];
    private Exception? failure;

    private ClusterObserver(IObjectStore store, string ns)
    {
        this.store = store;
        this.ns = ns;
    }

    /// <summary>Starts watching <paramref name="ns"/> from the store's current revision: every later write is seen.</summary>
    public static ClusterObserver Start(IObjectStore store, string ns)
    {
        ArgumentNullException.ThrowIfNull(store);
        var observer = new ClusterObserver(store, ns);
        var since = store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var resource in Watched)
        {
            observer.loops.Add(Task.Run(() => observer.WatchAsync(resource, since, observer.stop.Token)));
        }

        return observer;
    }

    /// <summary>The writes counted so far.</summary>
    public WriteTally Writes
    {
        get
        {
            lock (gate)
            {
                ThrowIfFailed();
                var counts = ImmutableDictionary.CreateBuilder<WriteKind, long>();
                foreach (var kind in Enum.GetValues<WriteKind>())
                {
                    counts[kind] = writes[(int)kind];
                }

                return new WriteTally(counts.ToImmutable());
            }
        }
    }

    /// <summary>The operator's status writes so far, by app name (subtract two readings for a window).</summary>
    public IReadOnlyDictionary<string, long> StatusWritesByApp()
    {
        lock (gate)
        {
            ThrowIfFailed();
            return new Dictionary<string, long>(statusWritesByApp, StringComparer.Ordinal);
        }
    }

    /// <summary>The current view of every app the benchmark's namespace holds.</summary>
    public IReadOnlyList<AppObservation> Apps()
    {
        lock (gate)
        {
            ThrowIfFailed();
            var owned = children.Values.ToLookup(c => c.OwnerUid, StringComparer.Ordinal);
            return apps.Values.Select(app =>
            {
                var mine = owned[app.Uid].ToList();
                return new AppObservation(
                    app.Name,
                    app.Uid,
                    app.Generation,
                    app.ObservedGeneration,
                    app.ReadyReplicas,
                    app.Visits,
                    mine.FirstOrDefault(c => c.Resource == ResourceRef.StatefulSets)?.Replicas,
                    mine.Any(c => c.Resource == ResourceRef.Services && c.Headless),
                    mine.Any(c => c.Resource == ResourceRef.Services && !c.Headless));
            }).ToList();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        await stop.CancelAsync();
        await Task.WhenAll(loops);
        stop.Dispose();
    }

    private async Task WatchAsync(ResourceRef resource, string since, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in store.WatchAsync(resource, ns, since, cancellationToken))
            {
                Record(e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception e)
        {
            // A lost watch would silently undercount writes: make the next reading fail instead.
            lock (gate)
            {
                failure ??= e;
            }
        }
    }

    private void Record(StoreEvent e)
    {
        var metadata = e.Object["metadata"] as JsonObject;
        var name = metadata?["name"]?.GetValue<string>() ?? string.Empty;
        var generation = metadata?["generation"]?.GetValue<long>() ?? 0;
        lock (gate)
        {
            var isApp = e.Resource == WriteClassifier.VisitCounterApps;
            long? previousGeneration = isApp && apps.TryGetValue(name, out var previous) ? previous.Generation : null;
            var kind = WriteClassifier.Classify(e.Resource, e.Type, previousGeneration, generation);
            if (kind is not { } counted)
            {
                return;
            }

            writes[(int)counted]++;
            if (counted == WriteKind.AppStatus)
            {
                statusWritesByApp[name] = statusWritesByApp.GetValueOrDefault(name) + 1;
            }

            if (isApp)
            {
                RecordApp(e, name, generation);
            }
            else if (e.Resource == ResourceRef.StatefulSets || e.Resource == ResourceRef.Services)
            {
                RecordChild(e, name);
            }
        }
    }

    private void RecordApp(StoreEvent e, string name, long generation)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            apps.Remove(name);
            return;
        }

        var uid = e.Object["metadata"]?["uid"]?.GetValue<string>() ?? string.Empty;
        var status = e.Object["status"];
        apps[name] = new AppState(
            name, uid, generation, status?["observedGeneration"]?.GetValue<long>(), status?["readyReplicas"]?.GetValue<int>(), status?["visits"]?.GetValue<long>());
    }

    private void RecordChild(StoreEvent e, string name)
    {
        var key = (e.Resource, name);
        var owner = (e.Object["metadata"]?["ownerReferences"] as JsonArray)?
            .OfType<JsonObject>()
            .FirstOrDefault(o => o["controller"]?.GetValue<bool>() == true);
        if (e.Type == WatchEventType.Deleted || owner is null)
        {
            children.Remove(key);
            return;
        }

        var spec = e.Object["spec"];
        children[key] = new ChildState(
            e.Resource,
            owner["uid"]?.GetValue<string>() ?? string.Empty,
            spec?["replicas"]?.GetValue<int>(),
            spec?["clusterIP"]?.GetValue<string>() == "None");
    }

    private void ThrowIfFailed()
    {
        if (failure is not null)
        {
            throw new InvalidOperationException("A watch of the benchmark's observer failed; write counts would be incomplete.", failure);
        }
    }

    private sealed record AppState(string Name, string Uid, long Generation, long? ObservedGeneration, int? ReadyReplicas, long? Visits);

    private sealed record ChildState(ResourceRef Resource, string OwnerUid, int? Replicas, bool Headless);
}
