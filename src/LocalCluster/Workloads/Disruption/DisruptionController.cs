using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Selectors;
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
/// change to a pod or a StatefulSet, or a relist of them, queues every budget of its namespace (budgets are few;
/// selectors are cheap).
/// </summary>
internal sealed class DisruptionController(WorkloadContext context)
{
    private const string FieldManager = "disruption-controller";
    private readonly ControllerLoop _loop = new ControllerLoop(context, "PodDisruptionBudget", context.LoggerFactory.CreateLogger<DisruptionController>())
        .For(ResourceRef.PodDisruptionBudgets)
        .Watches(ResourceRef.Pods, pod => BudgetsOf(context, pod.Namespace()))
        .Watches(ResourceRef.StatefulSets, set => BudgetsOf(context, set.Namespace()));

    public Task RunAsync(CancellationToken cancellationToken) => _loop.RunAsync(SyncAsync, workers: 1, cancellationToken);

    private static IEnumerable<string> BudgetsOf(WorkloadContext context, string ns) => context.Store.List(ResourceRef.PodDisruptionBudgets, ns).Select(b => b.Key());

    /// <summary>Writes the budget's status when it changed; returns when to look again for an eviction that may time out.</summary>
    private async Task<TimeSpan?> SyncAsync(JsonObject budget, CancellationToken cancellationToken)
    {
        var ns = budget.Namespace();
        var selector = SelectorOf(budget);
        var pods = selector is null ? [] : context.Store.List(ResourceRef.Pods, ns).Where(p => selector.Matches(p.Labels())).ToList();
        var now = context.Time.GetUtcNow();
        var status = DisruptionBudgetStatus.Compute(budget, pods, uid => ReplicasOf(ns, uid), now);
        if (!JsonNode.DeepEquals(budget["status"], status))
        {
            budget["status"] = status;
            await context.Store.UpdateStatusAsync(ResourceRef.PodDisruptionBudgets, budget, new WriteOptions(FieldManager: FieldManager), cancellationToken);
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
        var set = context.Store.List(ResourceRef.StatefulSets, ns).FirstOrDefault(s => s.Uid() == controllerUid);
        return set is null ? null : JsonNumber.AsInt32(set["spec"]?["replicas"]) ?? 1;
    }
}
