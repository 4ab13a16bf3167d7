using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.Namespaces;

/// <summary>What one <see cref="NamespaceObjectController"/> keeps in every namespace.</summary>
/// <param name="Controller">The controller's name: its field manager and log name (e.g. <c>root-ca-cert-publisher</c>).</param>
/// <param name="Resource">The kind of object kept.</param>
/// <param name="Name">The object's name in each namespace.</param>
/// <param name="Desired">The object wanted in a namespace.</param>
/// <param name="IsCurrent">Whether the object found is what is wanted; when not, it is replaced by <see cref="Desired"/>.</param>
internal sealed record NamespaceObject(
    string Controller,
    ResourceRef Resource,
    string Name,
    Func<string, JsonObject> Desired,
    Func<JsonObject, bool> IsCurrent);

/// <summary>
/// Keeps one object in every live namespace, as kube-controller-manager's service account controller keeps the
/// <c>default</c> ServiceAccount and the root CA publisher the <c>kube-root-ca.crt</c> ConfigMap: a new namespace
/// gets it at once, a deleted object comes back, a changed one is put right. Terminating namespaces are left alone.
/// </summary>
internal sealed partial class NamespaceObjectController
{
    private readonly WorkloadContext _context;
    private readonly NamespaceObject _object;
    private readonly WorkQueue _queue;
    private readonly ILogger _logger;

    public NamespaceObjectController(WorkloadContext context, NamespaceObject obj)
    {
        _context = context;
        _object = obj;
        _queue = new WorkQueue(context.Time);
        _logger = context.LoggerFactory.CreateLogger<NamespaceObjectController>();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var namespaces = new StoreInformer(_context.Store, ResourceRef.Namespaces,
            all => all.ToList().ForEach(n => _queue.Add(n.Name())), (_, ns) => _queue.Add(ns.Name()), _logger, _context.Time);
        var kept = new StoreInformer(_context.Store, _object.Resource,
            _ => { }, (_, obj) => Enqueue(obj), _logger, _context.Time);
        await Task.WhenAll(namespaces.RunAsync(cancellationToken), kept.RunAsync(cancellationToken), _queue.RunAsync(ReconcileAsync, 1, cancellationToken));
    }

    private void Enqueue(JsonObject obj)
    {
        if (obj.Name() == _object.Name)
        {
            _queue.Add(obj.Namespace());
        }
    }

    private async Task ReconcileAsync(string ns, CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(ns, cancellationToken);
        }
        catch (ApiException e) when (e.Code is 409 or 404 or 403)
        {
            // Written meanwhile, or the namespace is going away (creation in a terminating namespace is forbidden).
            _queue.AddAfter(ns, TimeSpan.FromMilliseconds(200));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSyncFailed(_logger, e, _object.Controller, ns);
            _queue.AddAfter(ns, TimeSpan.FromSeconds(1));
        }
    }

    private async Task SyncAsync(string ns, CancellationToken cancellationToken)
    {
        var namespaceObject = _context.Store.Get(ResourceRef.Namespaces, null, ns);
        if (namespaceObject is null || namespaceObject.IsTerminating())
        {
            return;
        }

        var options = new WriteOptions(FieldManager: _object.Controller);
        var existing = _context.Store.Get(_object.Resource, ns, _object.Name);
        if (existing is null)
        {
            await _context.Store.CreateAsync(_object.Resource, _object.Desired(ns), options, cancellationToken);
        }
        else if (!existing.IsTerminating() && !_object.IsCurrent(existing))
        {
            var desired = _object.Desired(ns);
            desired["metadata"]!["resourceVersion"] = existing.Metadata()["resourceVersion"]?.DeepClone();
            await _context.Store.UpdateAsync(_object.Resource, desired, options, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Controller} could not sync namespace {Namespace}; retrying")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, string controller, string @namespace);
}
