using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>
/// The StatefulSet controller of the local cluster. Level-based like the real one: a change to a StatefulSet or to
/// one of its pods queues the set; a sync reads the set and its pods from the store, adopts orphaned pods that
/// match, maintains the revision history, runs <see cref="StatefulSetPlanner"/> and carries out its plan (claims
/// first, then pods), applies the claim retention policy and writes the status when it changed.
/// </summary>
internal sealed partial class StatefulSetController
{
    private const string FieldManager = "statefulset-controller";
    private readonly WorkloadContext _context;
    private readonly ControllerRevisionStore _revisions;
    private readonly ControllerLoop _loop;
    private readonly EventRecorder _events;
    private readonly ILogger _logger;

    public StatefulSetController(WorkloadContext context)
    {
        _context = context;
        _revisions = new ControllerRevisionStore(Path.Combine(context.DataDirectory, "workloads", "controllerrevisions"));
        _logger = context.LoggerFactory.CreateLogger<StatefulSetController>();
        _events = new EventRecorder(context, FieldManager);
        _loop = new ControllerLoop(context, "StatefulSet", _logger).For(ResourceRef.StatefulSets).Watches(ResourceRef.Pods, SetsOf);
    }

    public Task RunAsync(CancellationToken cancellationToken) => _loop.RunAsync(SyncAsync, workers: 2, cancellationToken);

    /// <summary>The set that controls the pod, or for an orphan the set whose name it carries (NAME-ORDINAL), which may adopt it.</summary>
    private static IEnumerable<string> SetsOf(JsonObject pod)
    {
        if (pod.ControllerOf() is { } owner)
        {
            return owner.Kind == "StatefulSet" ? [ObjectMeta.Key(pod.Namespace(), owner.Name)] : [];
        }

        var name = pod.Name();
        var dash = name.LastIndexOf('-');
        return dash > 0 && StatefulSetPodFactory.OrdinalOf(name, name[..dash]) is not null ? [ObjectMeta.Key(pod.Namespace(), name[..dash])] : [];
    }

    private async Task<TimeSpan?> SyncAsync(JsonObject set, CancellationToken cancellationToken)
    {
        var view = StatefulSetView.FromJson(set);
        var pods = await ClaimPodsAsync(set, view, cancellationToken);
        var revisions = PlanRevisions(set, pods);
        var now = _context.Time.GetUtcNow();

        var plan = StatefulSetPlanner.Plan(view, ToOrdinalPods(view, pods), revisions.CurrentRevision, revisions.UpdateRevision, now);
        foreach (var action in plan.Actions)
        {
            await ExecuteAsync(set, view, revisions, action, cancellationToken);
        }

        await ApplyRetentionPolicyAsync(set, view, cancellationToken);

        var after = await ClaimPodsAsync(set, view, cancellationToken);
        var status = StatefulSetStatusCalculator.Compute(view, ToOrdinalPods(view, after), revisions.CurrentRevision, revisions.UpdateRevision, now).ToJson();
        if (!JsonNode.DeepEquals(set["status"], status))
        {
            set["status"] = status;
            await _context.Store.UpdateStatusAsync(ResourceRef.StatefulSets, set, new WriteOptions(FieldManager: FieldManager), cancellationToken);
        }

        return plan.RequeueAfter;
    }

    /// <summary>The set's pods: those it controls, plus matching orphans it adopts (ControllerRefManager's rule).</summary>
    private async Task<List<JsonObject>> ClaimPodsAsync(JsonObject set, StatefulSetView view, CancellationToken cancellationToken)
    {
        var owned = new List<JsonObject>();
        foreach (var pod in _context.Store.List(ResourceRef.Pods, view.Namespace))
        {
            var controller = pod.ControllerOf();
            if (controller?.Uid == view.Uid)
            {
                owned.Add(pod);
            }
            else if (controller is null && !pod.IsTerminating() && StatefulSetPodFactory.OrdinalOf(pod.Name(), view.Name) is not null
                     && view.SelectorLabels.Count > 0 && view.SelectorLabels.All(l => pod.Labels().GetValueOrDefault(l.Key) == l.Value))
            {
                var references = new JsonArray(pod.OwnerReferences().Select(r => (JsonNode)r.ToJson())
                    .Append(OwnerReference.To(set, controller: true, blockOwnerDeletion: true).ToJson()).ToArray());
                var patch = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["ownerReferences"] = references, ["resourceVersion"] = pod.ResourceVersion() },
                };
                var podName = pod.Name();
                owned.Add(await _context.Store.PatchAsync(ResourceRef.Pods, view.Namespace, podName, PatchType.Merge, patch,
                    new WriteOptions(FieldManager: FieldManager), cancellationToken: cancellationToken));
                LogAdopted(_logger, view.Namespace, view.Name, podName);
            }
        }

        return owned;
    }

    private RevisionPlan PlanRevisions(JsonObject set, List<JsonObject> pods)
    {
        var history = _revisions.List(set.Namespace(), set.Name());
        var inUse = pods.Select(p => p.Labels().GetValueOrDefault(StatefulSetPodFactory.RevisionLabel) ?? "").ToHashSet(StringComparer.Ordinal);
        var plan = RevisionPlanner.Plan(set, history, inUse);
        if (plan.RevisionToSave is { } revision)
        {
            _revisions.Save(revision);
        }

        foreach (var old in plan.RevisionsToDelete)
        {
            _revisions.Delete(set.Namespace(), old);
        }

        return plan;
    }

    private static List<OrdinalPod> ToOrdinalPods(StatefulSetView view, List<JsonObject> pods)
    {
        var result = new List<OrdinalPod>();
        foreach (var pod in pods)
        {
            if (StatefulSetPodFactory.OrdinalOf(pod.Name(), view.Name) is not { } ordinal)
            {
                continue;
            }

            var phase = pod["status"]?["phase"]?.GetValue<string>();
            var readySince = phase == "Running" ? pod.ReadySince() : null;
            result.Add(new OrdinalPod(ordinal, pod.Name(), pod.Labels().GetValueOrDefault(StatefulSetPodFactory.RevisionLabel) ?? "",
                pod.IsTerminating(), phase is "Failed" or "Succeeded", readySince));
        }

        return result;
    }

    private async Task ExecuteAsync(JsonObject set, StatefulSetView view, RevisionPlan revisions, StatefulSetAction action, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case CreatePod create:
                await EnsureClaimsAsync(set, view, create.Ordinal, cancellationToken);
                var template = create.Revision == revisions.UpdateRevision ? revisions.UpdateTemplate : revisions.CurrentTemplate;
                var pod = StatefulSetPodFactory.NewPod(set, template, create.Revision, create.Ordinal);
                await _context.Store.CreateAsync(ResourceRef.Pods, pod, new WriteOptions(FieldManager: FieldManager), cancellationToken);
                await _events.RecordAsync(set, "Normal", "SuccessfulCreate",
                    $"create Pod {pod.Name()} in StatefulSet {view.Name} successful", cancellationToken);
                break;
            case DeletePod delete:
                LogDeleting(_logger, view.Namespace, view.Name, delete.Name, delete.Reason);
                await _context.Store.DeleteAsync(ResourceRef.Pods, view.Namespace, delete.Name, new DeleteOptions(), cancellationToken);
                await _events.RecordAsync(set, "Normal", "SuccessfulDelete",
                    $"delete Pod {delete.Name} in StatefulSet {view.Name} successful", cancellationToken);
                break;
        }
    }

    private async Task EnsureClaimsAsync(JsonObject set, StatefulSetView view, int ordinal, CancellationToken cancellationToken)
    {
        foreach (var template in view.VolumeClaimTemplates)
        {
            var claim = StatefulSetPodFactory.NewClaim(set, template, ordinal, defaultStorageClass: null);
            if (_context.Store.Get(ResourceRef.PersistentVolumeClaims, view.Namespace, claim.Name()) is not null)
            {
                continue;
            }

            var decision = ClaimOwnership.Decide(view, OwnerReference.To(set, true, true), ordinal, [], null);
            if (decision.OwnerReferences.Count > 0)
            {
                claim.Metadata()["ownerReferences"] = new JsonArray(decision.OwnerReferences.Select(r => (JsonNode)r.ToJson()).ToArray());
            }

            await _context.Store.CreateAsync(ResourceRef.PersistentVolumeClaims, claim, new WriteOptions(FieldManager: FieldManager), cancellationToken);
            await _events.RecordAsync(set, "Normal", "SuccessfulCreate",
                $"create Claim {claim.Name()} Pod {StatefulSetPodFactory.PodName(view.Name, ordinal)} in StatefulSet {view.Name} success", cancellationToken);
        }
    }

    /// <summary>Brings every claim of the set in line with persistentVolumeClaimRetentionPolicy.</summary>
    private async Task ApplyRetentionPolicyAsync(JsonObject set, StatefulSetView view, CancellationToken cancellationToken)
    {
        if (view.VolumeClaimTemplates.Count == 0)
        {
            return;
        }

        var setReference = OwnerReference.To(set, controller: true, blockOwnerDeletion: true);
        var templateNames = view.VolumeClaimTemplates.Select(t => t["metadata"]?["name"]?.GetValue<string>() ?? "").ToList();
        foreach (var claim in _context.Store.List(ResourceRef.PersistentVolumeClaims, view.Namespace))
        {
            var ordinal = templateNames.Select(t => StatefulSetPodFactory.OrdinalOf(claim.Name(), t + "-" + view.Name)).FirstOrDefault(o => o is not null);
            if (ordinal is not { } index || claim.IsTerminating())
            {
                continue;
            }

            var pod = _context.Store.Get(ResourceRef.Pods, view.Namespace, StatefulSetPodFactory.PodName(view.Name, index));
            var podReference = pod is null || pod.ControllerOf()?.Uid != view.Uid ? null : OwnerReference.To(pod, false, false);
            var current = claim.OwnerReferences();
            var decision = ClaimOwnership.Decide(view, setReference, index, current, podReference);
            if (decision.DeleteNow)
            {
                await _context.Store.DeleteAsync(ResourceRef.PersistentVolumeClaims, view.Namespace, claim.Name(),
                    new DeleteOptions(PreconditionUid: claim.Uid()), cancellationToken);
                await _events.RecordAsync(set, "Normal", "SuccessfulDelete",
                    $"delete Claim {claim.Name()} in StatefulSet {view.Name} successful (whenScaled: Delete)", cancellationToken);
                continue;
            }

            if (!current.SequenceEqual(decision.OwnerReferences))
            {
                claim.Metadata()["ownerReferences"] = new JsonArray(decision.OwnerReferences.Select(r => (JsonNode)r.ToJson()).ToArray());
                await _context.Store.UpdateAsync(ResourceRef.PersistentVolumeClaims, claim, new WriteOptions(FieldManager: FieldManager), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "StatefulSet {Namespace}/{Name} adopted pod {Pod}")]
    private static partial void LogAdopted(ILogger logger, string @namespace, string name, string pod);

    [LoggerMessage(Level = LogLevel.Information, Message = "StatefulSet {Namespace}/{Name} deletes pod {Pod}: {Reason}")]
    private static partial void LogDeleting(ILogger logger, string @namespace, string name, string pod, string reason);
}
