using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Runtime;

/// <summary>
/// What every keyed controller of the local cluster shares, in controller-runtime's shape: store informers that map
/// changes to <c>namespace/name</c> keys of the controller's kind (<see cref="For"/>, <see cref="Owns"/>,
/// <see cref="Watches"/>), one deduplicating <see cref="WorkQueue"/>, and workers that read each key's object and
/// hand it to the controller's <see cref="Reconciler"/>. The controller keeps only its own logic.
/// </summary>
/// <remarks>
/// An object that is gone or being deleted is not reconciled: none of these controllers has a finalizer, so what it
/// made is the garbage collector's business then. A key comes back after the delay the reconciler asks for;
/// <see cref="ConflictRetry"/> after a conflict or an object that vanished mid-sync (another writer won, and the next
/// look sees its result, so nothing is logged); <see cref="FailureRetry"/> after any other failure, logged.
/// </remarks>
internal sealed partial class ControllerLoop(WorkloadContext context, string kind, ILogger logger)
{
    /// <summary>How soon a key is tried again after a 409 or 404 from the store.</summary>
    public static readonly TimeSpan ConflictRetry = TimeSpan.FromMilliseconds(100);

    /// <summary>How soon a key is tried again after any other failure.</summary>
    public static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(1);

    private readonly WorkQueue _queue = new(context.Time);
    private readonly List<StoreInformer> _informers = [];
    private ResourceRef? _primary;

    /// <summary>The controller's own resource: each of its objects is reconciled when it is listed or changes.</summary>
    public ControllerLoop For(ResourceRef resource)
    {
        if (_primary is not null)
        {
            throw new InvalidOperationException($"The {kind} controller already reconciles {_primary}; For is called once.");
        }

        _primary = resource;
        return Watches(resource, obj => [obj.Key()]);
    }

    /// <summary>Reconciles the controlling owner (of the controller's kind) of each object of <paramref name="resource"/>.</summary>
    public ControllerLoop Owns(ResourceRef resource) => Watches(resource, obj =>
        obj.ControllerOf() is { } owner && owner.Kind == kind ? [ObjectMeta.Key(obj.Namespace(), owner.Name)] : []);

    /// <summary>Reconciles the keys <paramref name="keysOf"/> names for each object of <paramref name="resource"/> listed or changed.</summary>
    public ControllerLoop Watches(ResourceRef resource, Func<JsonObject, IEnumerable<string>> keysOf)
    {
        _informers.Add(new StoreInformer(context.Store, resource, all => EnqueueAll(all, keysOf), (_, obj) => EnqueueAll([obj], keysOf),
            logger, context.Time));
        return this;
    }

    /// <summary>Runs the informers and <paramref name="workers"/> workers calling <paramref name="reconcile"/> until cancelled.</summary>
    public async Task RunAsync(Reconciler reconcile, int workers, CancellationToken cancellationToken)
    {
        var primary = _primary ?? throw new InvalidOperationException($"The {kind} controller has no resource to reconcile; call For first.");
        await Task.WhenAll(_informers.Select(i => i.RunAsync(cancellationToken))
            .Append(_queue.RunAsync((key, ct) => ReconcileAsync(primary, reconcile, key, ct), workers, cancellationToken)));
    }

    private void EnqueueAll(IEnumerable<JsonObject> objects, Func<JsonObject, IEnumerable<string>> keysOf)
    {
        foreach (var key in objects.SelectMany(keysOf))
        {
            _queue.Add(key);
        }
    }

    private async Task ReconcileAsync(ResourceRef primary, Reconciler reconcile, string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        string? ns = slash < 0 ? null : key[..slash];
        try
        {
            var current = context.Store.Get(primary, ns, key[(slash + 1)..]);
            if (current is not null && !current.IsTerminating() && await reconcile(current, cancellationToken) is { } delay)
            {
                _queue.AddAfter(key, delay);
            }
        }
        catch (ApiException e) when (e.Code is 409 or 404)
        {
            _queue.AddAfter(key, ConflictRetry);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSyncFailed(logger, e, kind, key);
            _queue.AddAfter(key, FailureRetry);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Syncing {Kind} {Key} failed; retrying")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, string kind, string key);
}
