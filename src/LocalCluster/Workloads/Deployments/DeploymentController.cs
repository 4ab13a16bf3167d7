using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>
/// The Deployment controller of the local cluster: one ReplicaSet per pod template (named and labelled with its
/// <c>pod-template-hash</c>), rolled by <see cref="DeploymentPlanner"/>, with the status and conditions of
/// <see cref="DeploymentStatusCalculator"/>. Level-based: a change to a Deployment or one of its ReplicaSets queues it.
/// </summary>
internal sealed class DeploymentController(WorkloadContext context)
{
    private const string FieldManager = "deployment-controller";
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private readonly EventRecorder _events = new(context, FieldManager);
    private readonly ControllerLoop _loop = new ControllerLoop(context, "Deployment", context.LoggerFactory.CreateLogger<DeploymentController>())
        .For(ResourceRef.Deployments).Owns(ResourceRef.ReplicaSets);

    public Task RunAsync(CancellationToken cancellationToken) => _loop.RunAsync(SyncAsync, workers: 2, cancellationToken);

    private async Task<TimeSpan?> SyncAsync(JsonObject deployment, CancellationToken cancellationToken)
    {
        var view = DeploymentView.FromJson(deployment);
        var ns = view.Namespace;
        var owned = context.Store.List(ResourceRef.ReplicaSets, ns).Where(s => s.ControllerOf()?.Uid == view.Uid).ToList();
        var hash = PodTemplateHash.Of(view.Template);
        var newSet = owned.FirstOrDefault(s => s.Labels().GetValueOrDefault(PodTemplateHash.Label) == hash)
                     ?? await CreateReplicaSetAsync(deployment, view, hash, owned, cancellationToken);
        var oldSets = owned.Where(s => s.Uid() != newSet.Uid()).Select(State).ToList();

        var plan = DeploymentPlanner.Plan(view, State(newSet), oldSets);
        foreach (var (setName, replicas) in plan.Scale)
        {
            await ScaleAsync(deployment, ns, setName, replicas, cancellationToken);
        }

        foreach (var setName in plan.Delete)
        {
            await context.Store.DeleteAsync(ResourceRef.ReplicaSets, ns, setName, new DeleteOptions(), cancellationToken);
        }

        await WriteStatusAsync(deployment, view, newSet, cancellationToken);
        return null;
    }

    private async Task<JsonObject> CreateReplicaSetAsync(JsonObject deployment, DeploymentView view, string hash, List<JsonObject> owned, CancellationToken cancellationToken)
    {
        var revision = owned.Select(s => State(s).Revision).DefaultIfEmpty(0).Max() + 1;
        var template = (JsonObject)view.Template.DeepClone();
        var templateMetadata = template["metadata"] as JsonObject ?? [];
        template["metadata"] = templateMetadata;
        var labels = templateMetadata["labels"] as JsonObject ?? [];
        templateMetadata["labels"] = labels;
        labels[PodTemplateHash.Label] = hash;
        var selector = (JsonObject)view.Selector.DeepClone();
        var matchLabels = selector["matchLabels"] as JsonObject ?? [];
        selector["matchLabels"] = matchLabels;
        matchLabels[PodTemplateHash.Label] = hash;
        var (maxSurge, _) = view.RollingBounds();
        var set = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{view.Name}-{hash}",
                ["namespace"] = view.Namespace,
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject
                {
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/desired-replicas"] = view.Replicas.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = (view.Replicas + maxSurge).ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(OwnerReference.To(deployment, controller: true, blockOwnerDeletion: true).ToJson()),
            },
            ["spec"] = new JsonObject
            {
                // Created empty; the planner sizes it on this same sync within the surge allowance.
                ["replicas"] = 0,
                ["minReadySeconds"] = view.MinReadySeconds,
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        var created = await context.Store.CreateAsync(ResourceRef.ReplicaSets, set, new WriteOptions(FieldManager: FieldManager), cancellationToken);
        if (deployment.Metadata()["annotations"]?[RevisionAnnotation]?.GetValue<string>() != revision.ToString(CultureInfo.InvariantCulture))
        {
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture) } } };
            await context.Store.PatchAsync(ResourceRef.Deployments, view.Namespace, view.Name, PatchType.Merge, patch,
                new WriteOptions(FieldManager: FieldManager), cancellationToken: cancellationToken);
        }

        return created;
    }

    private async Task ScaleAsync(JsonObject deployment, string ns, string setName, int replicas, CancellationToken cancellationToken)
    {
        var set = context.Store.Get(ResourceRef.ReplicaSets, ns, setName);
        if (set is null) return;
        var from = JsonNumber.AsInt64(set["spec"]?["replicas"]) ?? 0;
        var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } };
        await context.Store.PatchAsync(ResourceRef.ReplicaSets, ns, setName, PatchType.Merge, patch, new WriteOptions(FieldManager: FieldManager),
            cancellationToken: cancellationToken);
        var direction = replicas > from ? "up" : "down";
        await _events.RecordAsync(deployment, "Normal", "ScalingReplicaSet",
            $"Scaled {direction} replica set {setName} from {from} to {replicas}", cancellationToken);
    }

    private async Task WriteStatusAsync(JsonObject deployment, DeploymentView view, JsonObject newSet, CancellationToken cancellationToken)
    {
        var owned = context.Store.List(ResourceRef.ReplicaSets, view.Namespace).Where(s => s.ControllerOf()?.Uid == view.Uid).ToList();
        var current = owned.FirstOrDefault(s => s.Uid() == newSet.Uid()) ?? newSet;
        var status = DeploymentStatusCalculator.Compute(view, State(current), owned.Where(s => s.Uid() != newSet.Uid()).Select(State).ToList(),
            deployment["status"] as JsonObject, context.Time.GetUtcNow());
        if (JsonNode.DeepEquals(deployment["status"], status)) return;
        var latest = context.Store.Get(ResourceRef.Deployments, view.Namespace, view.Name);
        if (latest is null || latest.Uid() != view.Uid) return;
        latest["status"] = status;
        await context.Store.UpdateStatusAsync(ResourceRef.Deployments, latest, new WriteOptions(FieldManager: FieldManager), cancellationToken);
    }

    private static ReplicaSetState State(JsonObject set)
    {
        var status = set["status"] as JsonObject;
        var revision = set.Metadata()["annotations"]?[RevisionAnnotation]?.GetValue<string>();
        return new ReplicaSetState(
            set.Name(),
            (int)(JsonNumber.AsInt64(set["spec"]?["replicas"]) ?? 0),
            (int)(JsonNumber.AsInt64(status?["replicas"]) ?? 0),
            (int)(JsonNumber.AsInt64(status?["readyReplicas"]) ?? 0),
            (int)(JsonNumber.AsInt64(status?["availableReplicas"]) ?? 0),
            long.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0);
    }
}
