using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>
/// The ReplicaSet controller of the local cluster: keeps <c>spec.replicas</c> pods of the set's template running
/// (pods it controls by ownerReference), and reports replicas, ready and available counts in the status.
/// Level-based: a change to a set or one of its pods queues the set; <see cref="ReplicaSetPlanner"/> decides.
/// </summary>
internal sealed class ReplicaSetController(WorkloadContext context)
{
    private const string FieldManager = "replicaset-controller";
    private readonly EventRecorder _events = new(context, FieldManager);
    private readonly ControllerLoop _loop = new ControllerLoop(context, "ReplicaSet", context.LoggerFactory.CreateLogger<ReplicaSetController>())
        .For(ResourceRef.ReplicaSets).Owns(ResourceRef.Pods);

    public Task RunAsync(CancellationToken cancellationToken) => _loop.RunAsync(SyncAsync, workers: 2, cancellationToken);

    private async Task<TimeSpan?> SyncAsync(JsonObject set, CancellationToken cancellationToken)
    {
        var spec = set["spec"] as JsonObject ?? [];
        var desired = (int)(JsonNumber.AsInt64(spec["replicas"]) ?? 1);
        var minReadySeconds = (int)(JsonNumber.AsInt64(spec["minReadySeconds"]) ?? 0);

        var plan = ReplicaSetPlanner.Plan(desired, OwnedPods(set));
        for (var i = 0; i < plan.Create; i++)
        {
            var pod = await context.Store.CreateAsync(ResourceRef.Pods, NewPod(set), new WriteOptions(FieldManager: FieldManager), cancellationToken);
            await _events.RecordAsync(set, "Normal", "SuccessfulCreate", $"Created pod: {pod.Name()}", cancellationToken);
        }

        foreach (var podName in plan.Delete)
        {
            await context.Store.DeleteAsync(ResourceRef.Pods, set.Namespace(), podName, new DeleteOptions(), cancellationToken);
            await _events.RecordAsync(set, "Normal", "SuccessfulDelete", $"Deleted pod: {podName}", cancellationToken);
        }

        var now = context.Time.GetUtcNow();
        var pods = OwnedPods(set);
        var (replicas, ready, available) = ReplicaSetPlanner.Count(pods, minReadySeconds, now);
        var status = new JsonObject
        {
            ["replicas"] = replicas,
            ["fullyLabeledReplicas"] = replicas,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
            ["observedGeneration"] = set.Generation(),
        };
        foreach (var zero in new[] { "fullyLabeledReplicas", "readyReplicas", "availableReplicas" })
        {
            if (status[zero]!.GetValue<int>() == 0) status.Remove(zero);
        }

        if (!JsonNode.DeepEquals(set["status"], status))
        {
            set["status"] = status;
            await context.Store.UpdateStatusAsync(ResourceRef.ReplicaSets, set, new WriteOptions(FieldManager: FieldManager), cancellationToken);
        }

        // A pod that is ready but not yet available becomes available by time alone: look again then.
        return ready > available ? TimeSpan.FromSeconds(Math.Max(1, minReadySeconds)) : null;
    }

    private List<ReplicaPod> OwnedPods(JsonObject set) =>
        context.Store.List(ResourceRef.Pods, set.Namespace())
            .Where(p => p.ControllerOf()?.Uid == set.Uid())
            .Select(ToReplicaPod)
            .ToList();

    private static ReplicaPod ToReplicaPod(JsonObject pod)
    {
        var phase = pod["status"]?["phase"]?.GetValue<string>();
        return new ReplicaPod(
            pod.Name(),
            !pod.IsTerminating() && phase is not ("Succeeded" or "Failed"),
            pod.ReadySince(),
            ObjectMeta.Timestamp(pod.Metadata()["creationTimestamp"]) ?? DateTimeOffset.MinValue,
            pod["spec"]?["nodeName"] is not null);
    }

    private static JsonObject NewPod(JsonObject set)
    {
        var template = set["spec"]?["template"] as JsonObject ?? [];
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? [];
        metadata.Remove("name");
        metadata["generateName"] = set.Name() + "-";
        metadata["namespace"] = set.Namespace();
        metadata["ownerReferences"] = new JsonArray(OwnerReference.To(set, controller: true, blockOwnerDeletion: true).ToJson());
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone(),
        };
    }
}
