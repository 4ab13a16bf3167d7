using System.Diagnostics.CodeAnalysis;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Recovery;

/// <summary>
/// Decides whether a rolling update is stuck on a broken pod and, when <c>spec.rolloutRecovery.enabled</c>, which
/// single pod to delete so the StatefulSet controller re-creates it from the current template
/// (kubernetes/kubernetes#67250: with OrderedReady it waits forever for a pod of the old revision that never gets ready).
/// Pure: the world and the clock are parameters.
/// </summary>
/// <remarks>
/// A pod is stuck when the StatefulSet has observed the latest spec, its update revision differs from the pod's
/// revision, the pod's ordinal is one the rolling update replaces (at or above the partition; below it a re-created pod
/// would come back on the old revision), and the pod has not been Ready for at least <c>stuckAfterSeconds</c>
/// (counted from its Ready condition's lastTransitionTime; a crash-looping container or an image that cannot be pulled
/// always leaves the pod not Ready). A pod on the update revision is never stuck: its template is what the user asked for.
/// Deletion additionally needs: recovery enabled, no pod of the app terminating or missing (one at a time), and the
/// pod not already deleted for this update revision (<see cref="RecoveryRecord"/>). Callers pass only valid specs.
/// OnDelete is left alone: there, replacing pods is deliberately the user's job.
/// </remarks>
public sealed record StuckPodDecision
{
    private StuckPodDecision(StuckPod? stuck, bool delete, TimeSpan? recheckAfter)
    {
        Stuck = stuck;
        Delete = delete;
        RecheckAfter = recheckAfter;
    }

    /// <summary>The pod the rollout is stuck on, if any (past the timer).</summary>
    public StuckPod? Stuck { get; }

    /// <summary>Whether to delete <see cref="Stuck"/> now.</summary>
    [MemberNotNullWhen(true, nameof(Stuck))]
    public bool Delete { get; }

    /// <summary>When to look again: a candidate's timer runs out, or the previous deletion should have settled.</summary>
    public TimeSpan? RecheckAfter { get; }

    /// <summary>Whether the status should report the rollout as stuck (a stuck pod the operator is not deleting now).</summary>
    public bool ReportStuck => Stuck is not null && !Delete;

    /// <summary>How long to wait for a deleted pod to be re-created before looking again.</summary>
    public static TimeSpan SettleInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The label the StatefulSet controller puts on each pod: the revision it was created from.</summary>
    public const string RevisionLabel = "controller-revision-hash";

    private static readonly StuckPodDecision Nothing = new(null, false, null);

    /// <summary>Nothing to delete now; look again once the pods have settled.</summary>
    public static StuckPodDecision Settling { get; } = new(null, false, SettleInterval);

    /// <summary>The decision for one reconcile.</summary>
    /// <param name="spec">The app's effective spec (only valid specs have one).</param>
    /// <param name="statefulSet">The live StatefulSet controlled by the app, or null.</param>
    /// <param name="pods">The app's pods.</param>
    /// <param name="record">The deletions already made (from the app's annotation).</param>
    /// <param name="now">The current time.</param>
    public static StuckPodDecision Decide(EffectiveSpec spec, V1StatefulSet? statefulSet, IReadOnlyList<V1Pod> pods, RecoveryRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(record);
        if (statefulSet?.Status?.UpdateRevision is not { Length: > 0 } updateRevision
            || spec.UpdateStrategy.Type != UpdateStrategyTypes.RollingUpdate
            || !HasObservedLatestSpec(statefulSet))
        {
            return Nothing;
        }

        var app = statefulSet.Metadata.Name!;
        var replicas = statefulSet.Spec?.Replicas ?? spec.Replicas;
        var partition = spec.UpdateStrategy.Partition ?? 0;
        var stuckAfter = spec.RolloutRecovery.StuckAfter;
        var candidates = pods
            .Select(pod => Candidate(pod, app, updateRevision, partition, replicas, now))
            .OfType<StuckPod>()
            .ToList();

        var stuck = candidates
            .Where(c => c.NotReadyFor >= stuckAfter)
            .OrderByDescending(c => ChildNames.PodOrdinal(app, c.Name))
            .FirstOrDefault();
        var timers = candidates.Where(c => c.NotReadyFor < stuckAfter).Select(c => stuckAfter - c.NotReadyFor).ToList();
        TimeSpan? nextTimer = timers.Count > 0 ? timers.Min() : null;

        if (stuck is null)
        {
            return nextTimer is null ? Nothing : new(null, false, nextTimer);
        }

        if (!spec.RolloutRecovery.Enabled || record.Contains(updateRevision, stuck.Name))
        {
            return new(stuck, false, nextTimer);
        }

        // One at a time: a pod being deleted or not yet re-created is the previous recovery (or someone else's
        // change) still settling; deleting another now could take two pods down.
        var settling = pods.Any(p => p.Metadata.DeletionTimestamp is not null) || pods.Count < replicas;
        return settling ? Settling : new(stuck, true, nextTimer);
    }

    private static bool HasObservedLatestSpec(V1StatefulSet statefulSet) =>
        statefulSet.Status?.ObservedGeneration is not { } observed
        || statefulSet.Metadata.Generation is not { } generation
        || observed >= generation;

    private static StuckPod? Candidate(V1Pod pod, string app, string updateRevision, int partition, int replicas, DateTimeOffset now)
    {
        if (pod.Metadata.DeletionTimestamp is not null
            || pod.Metadata.Name is not { } name
            || ChildNames.PodOrdinal(app, name) is not { } ordinal
            || ordinal < partition
            || ordinal >= replicas
            || pod.Metadata.Labels?.TryGetValue(RevisionLabel, out var revision) != true
            || string.IsNullOrEmpty(revision)
            || string.Equals(revision, updateRevision, StringComparison.Ordinal)
            || StatusCalculator.IsPodReady(pod))
        {
            return null;
        }

        var since = NotReadySince(pod);
        var notReadyFor = since is { } s && s < now ? now - s : TimeSpan.Zero;
        return new StuckPod(name, pod.Metadata.Uid ?? string.Empty, revision, updateRevision, Reason(pod), notReadyFor);
    }

    /// <summary>When the pod stopped being ready: its Ready condition's transition, else its start or creation.</summary>
    private static DateTimeOffset? NotReadySince(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.LastTransitionTime
        ?? pod.Status?.StartTime
        ?? pod.Metadata.CreationTimestamp;

    private static string Reason(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.Select(c => c.State?.Waiting?.Reason ?? c.State?.Terminated?.Reason).FirstOrDefault(r => !string.IsNullOrEmpty(r))
        ?? "NotReady";
}
