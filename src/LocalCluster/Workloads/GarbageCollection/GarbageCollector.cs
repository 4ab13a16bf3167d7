using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.GarbageCollection;

/// <summary>
/// The garbage collector of the local cluster. It watches every resource of the <see cref="ResourceCatalog"/>
/// (starting watches for custom resources as CRDs appear); any change queues one collection pass, which takes a
/// snapshot of the object graph, plans with <see cref="GarbageCollectionPlanner"/> and carries the plan out.
/// Before deleting an object because its owners are absent, the owners are looked for once more in a fresh
/// snapshot, as the real collector re-reads an owner before acting: a dependent created right after its owner
/// must never be collected because the owner's creation was not seen yet.
/// </summary>
internal sealed partial class GarbageCollector
{
    private const string PassKey = "graph";
    private const string FieldManager = "generic-garbage-collector";
    private readonly WorkloadContext _context;
    private readonly WorkQueue _queue;
    private readonly ILogger _logger;
    private readonly Dictionary<ResourceRef, CancellationTokenSource> _watches = [];

    public GarbageCollector(WorkloadContext context)
    {
        _context = context;
        _queue = new WorkQueue(context.Time);
        _logger = context.LoggerFactory.CreateLogger<GarbageCollector>();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watchTasks = new List<Task>();
        void SyncWatches()
        {
            var wanted = ResourceCatalog.All(_context.Store).ToHashSet();
            lock (_watches)
            {
                foreach (var resource in wanted.Where(r => !_watches.ContainsKey(r)))
                {
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    _watches[resource] = stop;
                    var informer = new StoreInformer(_context.Store, resource, _ => _queue.Add(PassKey), (_, _) => _queue.Add(PassKey), _logger, _context.Time);
                    watchTasks.Add(informer.RunAsync(stop.Token));
                }

                foreach (var gone in _watches.Keys.Where(r => !wanted.Contains(r)).ToList())
                {
                    _watches[gone].Cancel();
                    _watches[gone].Dispose();
                    _watches.Remove(gone);
                }
            }
        }

        SyncWatches();
        try
        {
            await _queue.RunAsync(async (_, ct) =>
            {
                SyncWatches();
                await CollectAsync(ct);
            }, 1, cancellationToken);
            await Task.WhenAll(watchTasks);
        }
        finally
        {
            lock (_watches)
            {
                foreach (var stop in _watches.Values)
                {
                    stop.Dispose();
                }

                _watches.Clear();
            }
        }
    }

    /// <summary>One collection pass over the whole graph.</summary>
    internal async Task CollectAsync(CancellationToken cancellationToken)
    {
        var (snapshot, resources) = Snapshot();
        var actions = GarbageCollectionPlanner.Plan(snapshot);
        HashSet<string>? confirmedUids = null;
        foreach (var action in actions)
        {
            try
            {
                if (action is DeleteDependent { OwnersGone: true } delete)
                {
                    confirmedUids ??= Snapshot().Objects.Select(o => o.Uid).ToHashSet(StringComparer.Ordinal);
                    if (delete.Target.Object.OwnerReferences().Any(r => confirmedUids.Contains(r.Uid)))
                    {
                        _queue.AddAfter(PassKey, TimeSpan.FromMilliseconds(200));
                        continue;
                    }
                }

                await ExecuteAsync(action, resources[action.Target.Resource], cancellationToken);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Changed meanwhile: the watch event of that change queues another pass.
                _queue.AddAfter(PassKey, TimeSpan.FromMilliseconds(100));
            }
            catch (ApiException e)
            {
                LogFailed(_logger, e, action.Target);
                _queue.AddAfter(PassKey, TimeSpan.FromSeconds(1));
            }
        }
    }

    private (List<GraphObject> Objects, Dictionary<string, ResourceRef> Resources) Snapshot()
    {
        var objects = new List<GraphObject>();
        var resources = new Dictionary<string, ResourceRef>(StringComparer.Ordinal);
        foreach (var resource in ResourceCatalog.All(_context.Store))
        {
            var key = resource.ToString();
            resources[key] = resource;
            try
            {
                objects.AddRange(_context.Store.List(resource, null).Select(o => new GraphObject(key, o)));
            }
            catch (ApiException)
            {
                // A custom resource whose CRD went away between catalog and list.
            }
        }

        return (objects, resources);
    }

    private async Task ExecuteAsync(GarbageCollectionAction action, ResourceRef resource, CancellationToken cancellationToken)
    {
        var target = action.Target;
        var ns = target.Namespace.Length == 0 ? null : target.Namespace;
        switch (action)
        {
            case DeleteDependent delete:
                LogActed(_logger, "deleting (owners gone or being deleted)", target);
                await _context.Store.DeleteAsync(resource, ns, target.Name,
                    new DeleteOptions(
                        delete.Propagation == Propagation.Foreground ? PropagationPolicy.Foreground : PropagationPolicy.Background,
                        PreconditionUid: target.Uid),
                    cancellationToken);
                break;
            case RemoveOwnerReferences release:
                LogActed(_logger, "removing owner references of", target);
                var kept = target.Object.OwnerReferences().Where(r => !release.OwnerUids.Contains(r.Uid)).Select(r => (JsonNode)r.ToJson()).ToArray();
                await PatchMetadataAsync(resource, target, "ownerReferences", kept.Length == 0 ? null : new JsonArray(kept), cancellationToken);
                break;
            case RemoveFinalizer finalizer:
                LogActed(_logger, "removing finalizer " + finalizer.Finalizer + " of", target);
                var remaining = target.Object.Finalizers().Where(f => f != finalizer.Finalizer).Select(f => (JsonNode)JsonValue.Create(f)).ToArray();
                await PatchMetadataAsync(resource, target, "finalizers", remaining.Length == 0 ? null : new JsonArray(remaining), cancellationToken);
                break;
        }
    }

    /// <summary>A merge patch of one metadata list, conditional on the resourceVersion the plan was made from.</summary>
    private Task<JsonObject> PatchMetadataAsync(ResourceRef resource, GraphObject target, string field, JsonNode? value, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { [field] = value, ["resourceVersion"] = target.Object.ResourceVersion() },
        };
        return _context.Store.PatchAsync(resource, target.Namespace.Length == 0 ? null : target.Namespace, target.Name, PatchType.Merge, patch,
            new WriteOptions(FieldManager: FieldManager), cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collector: {Action} {Object}")]
    private static partial void LogActed(ILogger logger, string action, GraphObject @object);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garbage collection of {Object} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, GraphObject @object);
}
