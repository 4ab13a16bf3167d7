using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Selectors;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.Disruption;

/// <summary>
/// The disruption controller of the local cluster: keeps each PodDisruptionBudget's status (currentHealthy,
/// desiredHealthy, disruptionsAllowed, expectedPods, observedGeneration, the DisruptionAllowed condition) in step
/// with the pods it selects, which is what the pods' eviction subresource checks. A change to a budget queues it; a
/// change to a pod or a StatefulSet queues every budget of its namespace (budgets are few; selectors are cheap).
/// </summary>
internal sealed partial class DisruptionController
{
    private const string FieldManager = "disruption-controller";
    private readonly WorkloadContext _context;
    private readonly WorkQueue _queue;
    private readonly ILogger _logger;

    public DisruptionController(WorkloadContext context)
    {
        _context = context;
        _queue = new WorkQueue(context.Time);
        _logger = context.LoggerFactory.CreateLogger<DisruptionController>();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var budgets = new StoreInformer(_context.Store, ResourceRef.PodDisruptionBudgets,
            all => all.ToList().ForEach(b => _queue.Add(b.Key())), (_, budget) => _queue.Add(budget.Key()), _logger, _context.Time);
        var pods = new StoreInformer(_context.Store, ResourceRef.Pods,
            _ => { }, (_, pod) => EnqueueBudgetsOf(pod.Namespace()), _logger, _context.Time);
        var sets = new StoreInformer(_context.Store, ResourceRef.StatefulSets,
            _ => { }, (_, set) => EnqueueBudgetsOf(set.Namespace()), _logger, _context.Time);
        await Task.WhenAll(budgets.RunAsync(cancellationToken), pods.RunAsync(cancellationToken), sets.RunAsync(cancellationToken),
            _queue.RunAsync(ReconcileAsync, 1, cancellationToken));
    }

    private void EnqueueBudgetsOf(string ns)
    {
        foreach (var budget in _context.Store.List(ResourceRef.PodDisruptionBudgets, ns))
        {
            _queue.Add(budget.Key());
        }
    }

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        try
        {
            var recheck = await SyncAsync(key[..slash], key[(slash + 1)..], cancellationToken);
            if (recheck is { } delay)
            {
                _queue.AddAfter(key, delay);
            }
        }
        catch (ApiException e) when (e.Code is 409 or 404)
        {
            _queue.AddAfter(key, TimeSpan.FromMilliseconds(100));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSyncFailed(_logger, e, key);
            _queue.AddAfter(key, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Writes the budget's status when it changed; returns when to look again for an eviction that may time out.</summary>
    private async Task<TimeSpan?> SyncAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var budget = _context.Store.Get(ResourceRef.PodDisruptionBudgets, ns, name);
        if (budget is null || budget.IsTerminating())
        {
            return null;
        }

        var selector = SelectorOf(budget);
        var pods = selector is null ? [] : _context.Store.List(ResourceRef.Pods, ns).Where(p => selector.Matches(p.Labels())).ToList();
        var now = _context.Time.GetUtcNow();
        var status = DisruptionBudgetStatus.Compute(budget, pods, uid => ReplicasOf(ns, uid), now);
        if (!JsonNode.DeepEquals(budget["status"], status))
        {
            budget["status"] = status;
            await _context.Store.UpdateStatusAsync(ResourceRef.PodDisruptionBudgets, budget, new WriteOptions(FieldManager: FieldManager), cancellationToken);
        }

        return status["disruptedPods"] is JsonObject { Count: > 0 } ? DisruptionBudgetStatus.DeletionTimeout : null;
    }

    /// <summary>The budget's selector; null (no pods) for a null selector or one that cannot be read.</summary>
    private static LabelSelector? SelectorOf(JsonObject budget)
    {
        try
        {
            return ObjectLabelSelector.FromJson(budget["spec"]?["selector"]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private int? ReplicasOf(string ns, string controllerUid)
    {
        var set = _context.Store.List(ResourceRef.StatefulSets, ns).FirstOrDefault(s => s.Uid() == controllerUid);
        return set is null ? null : JsonNumber.AsInt32(set["spec"]?["replicas"]) ?? 1;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Syncing PodDisruptionBudget {Budget} failed; retrying")]
    private static partial void LogSyncFailed(ILogger logger, Exception error, string budget);
}
