using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Recovery;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// The rollout recovery step of a reconcile (only ever called with a valid spec): asks <see cref="StuckPodDecision"/>
/// and, when it says so, records the pod in the app's <see cref="RecoveryRecord"/> annotation, then deletes that one pod
/// and says so in a Normal event. The record is written first so that a restart between the two steps cannot lead to
/// a second deletion of the same pod for the same revision.
/// </summary>
public sealed partial class RolloutRecovery(IKubernetesClient client, IAppEvents events, ILogger logger)
{
    /// <summary>The event reason of a recovery.</summary>
    public const string EventReason = "RolloutRecovery";

    /// <summary>Decides and, if needed, deletes one stuck pod. The returned decision feeds the status and the requeue.</summary>
    public async Task<StuckPodDecision> RunAsync(
        VisitCounterApp app,
        EffectiveSpec spec,
        V1StatefulSet? statefulSet,
        IReadOnlyList<V1Pod> pods,
        DateTimeOffset now,
        ReconcileActions actions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(actions);
        var record = RecoveryRecord.Read(app.Metadata);
        var decision = StuckPodDecision.Decide(spec, statefulSet, pods, record, now);
        if (!decision.Delete)
        {
            return decision;
        }

        // The decision above comes from the informer caches, which may lag: the pod may have become Ready, or the
        // template been reverted so the pod's revision is current again. A deletion is rare (once per pod per
        // revision) and cannot be undone, so it is decided again on the pod and the StatefulSet as the API server
        // has them now; only the same pod, still stuck, is deleted.
        decision = await ConfirmAsync(app, spec, decision.Stuck, pods, record, now, cancellationToken);
        if (!decision.Delete)
        {
            return decision;
        }

        var pod = decision.Stuck;
        await WriteRecordAsync(app, record.With(pod.UpdateRevision, pod.Name), cancellationToken);

        // The UID precondition: if the StatefulSet controller re-created the pod meanwhile, the new one is left alone.
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = string.IsNullOrEmpty(pod.Uid) ? null : pod.Uid } };
        await client.DeleteAsync<V1Pod>(pod.Name, app.Metadata.Namespace, options, cancellationToken);
        actions.Add($"deleted stuck pod {pod.Name}");
        var seconds = (long)pod.NotReadyFor.TotalSeconds;
        await events.NormalAsync(
            app,
            EventReason,
            string.Create(CultureInfo.InvariantCulture, $"Deleted pod {pod.Name} of revision {pod.Revision}, not ready for {seconds}s ({pod.Reason}), so that the StatefulSet re-creates it on revision {pod.UpdateRevision}"),
            cancellationToken);
        LogStuckPodDeleted(logger, app.Metadata.Namespace, app.Metadata.Name, pod.Name, pod.Revision, pod.UpdateRevision, pod.Reason, seconds);
        return decision;
    }

    private async Task<StuckPodDecision> ConfirmAsync(
        VisitCounterApp app,
        EffectiveSpec spec,
        StuckPod cached,
        IReadOnlyList<V1Pod> pods,
        RecoveryRecord record,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ns = app.Metadata.Namespace;
        var freshStatefulSet = await client.GetAsync<V1StatefulSet>(ChildNames.StatefulSet(app.Metadata.Name!), ns, cancellationToken);
        var freshPod = await client.GetAsync<V1Pod>(cached.Name, ns, cancellationToken);
        var freshPods = pods.Where(p => p.Metadata.Name != cached.Name).ToList();
        if (freshPod is not null)
        {
            freshPods.Add(freshPod);
        }

        if (freshStatefulSet is not null && !Ownership.IsControlledBy(freshStatefulSet.Metadata, app.Metadata.Uid))
        {
            freshStatefulSet = null;
        }

        var fresh = StuckPodDecision.Decide(spec, freshStatefulSet, freshPods, record, now);
        return fresh.Delete && fresh.Stuck.Uid != cached.Uid
            ? StuckPodDecision.Settling
            : fresh;
    }

    private async Task WriteRecordAsync(VisitCounterApp app, RecoveryRecord record, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RecoveryRecord.AnnotationKey] = record.Format() } } };
        var updated = await client.PatchAsync<VisitCounterApp>(app.Metadata.Name!, app.Metadata.Namespace, KubernetesPatch.Merge(body.ToJsonString()), cancellationToken);

        // Keep the in-memory copy current so the status update that follows carries the new resourceVersion.
        app.Metadata.ResourceVersion = updated.Metadata.ResourceVersion;
        app.Metadata.Annotations = updated.Metadata.Annotations;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout recovery of {Namespace}/{Name}: deleted pod {Pod} of revision {Revision} ({Reason}, not ready for {Seconds}s) so it is re-created on revision {UpdateRevision}")]
    private static partial void LogStuckPodDeleted(ILogger logger, string? @namespace, string? name, string pod, string revision, string updateRevision, string reason, long seconds);
}
