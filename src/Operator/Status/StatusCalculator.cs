using System.Globalization;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Drift;

namespace VisitCounter.Operator.Status;

/// <summary>
/// Computes a VisitCounterApp's status from what the controller observed. Pure: the clock is a parameter and only
/// used for condition transitions, so an unchanged world yields an equal status and therefore no write.
/// </summary>
public static class StatusCalculator
{
    /// <summary>
    /// The status <paramref name="app"/> should have now. <paramref name="spec"/> is its effective spec, or null when
    /// the spec is invalid (then <see cref="StatusInputs.Degraded"/> says why).
    /// </summary>
    public static VisitCounterAppStatus Compute(VisitCounterApp app, EffectiveSpec? spec, StatusInputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(inputs);
        var name = app.Metadata.Name!;
        var sts = inputs.StatefulSet;
        var stsStatus = sts?.Status;
        var desiredReplicas = spec?.Replicas ?? app.Spec.Replicas ?? 0;
        var collectVisits = spec?.Visits.Collect ?? false;

        var rollout = spec is null ? new Rollout(false, "InvalidSpec", "the spec is invalid") : Rollout.Assess(spec, sts);
        var phase = inputs.Degraded is not null ? VisitCounterAppPhases.Degraded
            : stsStatus is null ? VisitCounterAppPhases.Pending
            : inputs.StorageResizePending || !rollout.Complete ? VisitCounterAppPhases.Progressing
            : VisitCounterAppPhases.Ready;

        var pods = BuildPodList(name, inputs, collectVisits);
        var stuck = StuckProblem(inputs, spec?.RolloutRecovery);
        var progressing = ProgressingCondition(phase, inputs, rollout, stuck);
        var conditions = ConditionMerger.Merge(
            app.Status?.Conditions,
            [
                ReadyCondition(rollout, stsStatus, desiredReplicas),
                progressing,
                DegradedCondition(inputs.Degraded),
                FieldsDroppedCondition(inputs.DroppedFields),
                KstatusConditions.Reconciling(progressing),
                KstatusConditions.Stalled(inputs.Degraded ?? stuck),
            ],
            app.Metadata.Generation,
            now);

        return new VisitCounterAppStatus
        {
            ObservedGeneration = app.Metadata.Generation,
            Phase = phase,
            Replicas = stsStatus?.Replicas ?? 0,
            ReadyReplicas = stsStatus?.ReadyReplicas ?? 0,
            UpdatedReplicas = stsStatus?.UpdatedReplicas ?? 0,
            CurrentRevision = stsStatus?.CurrentRevision,
            UpdateRevision = stsStatus?.UpdateRevision,
            Selector = AppLabels.SelectorString(name),
            Visits = collectVisits ? pods.Where(p => p.Visits.HasValue).Sum(p => p.Visits!.Value) : null,
            Pods = pods.Count == 0 ? null : pods,
            Conditions = conditions,
            DroppedFields = inputs.DroppedFields.Count == 0 ? null : [.. inputs.DroppedFields],
        };
    }

    /// <summary>Whether the pod's Ready condition is True.</summary>
    public static bool IsPodReady(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Metadata.DeletionTimestamp is null
            && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
    }

    private static List<PodVisitsStatus> BuildPodList(string appName, StatusInputs inputs, bool collectVisits) =>
        [.. inputs.Pods
            .Where(p => p.Metadata.Name is not null)
            .OrderBy(p => ChildNames.PodOrdinal(appName, p.Metadata.Name!) ?? int.MaxValue)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new PodVisitsStatus
            {
                Name = p.Metadata.Name!,
                Ready = IsPodReady(p),
                Visits = collectVisits && inputs.Visits.TryGetValue(p.Metadata.Name!, out var v) ? v : null,
            })];

    private static ConditionState ReadyCondition(Rollout rollout, V1StatefulSetStatus? status, int desired)
    {
        var ready = status?.ReadyReplicas ?? 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"{ready}/{desired} pods ready");
        if (status is null)
        {
            return new(VisitCounterAppConditionTypes.Ready, false, "StatefulSetMissing", "The StatefulSet has not been created or observed yet");
        }

        return rollout.Complete
            ? new(VisitCounterAppConditionTypes.Ready, true, "AllPodsReady", $"{text} on revision {status.UpdateRevision}")
            : new(VisitCounterAppConditionTypes.Ready, false, rollout.Reason, $"{text}; {rollout.Message}");
    }

    /// <summary>The rollout stuck on a broken pod that a person must unblock; a resize in flight re-creates the pods anyway.</summary>
    private static Problem? StuckProblem(StatusInputs inputs, EffectiveRolloutRecovery? recovery) =>
        !inputs.StorageResizePending && inputs.StuckRollout is { } stuck && recovery is not null
            ? new Problem(RolloutStuckMessage.Reason, RolloutStuckMessage.For(stuck, recovery))
            : null;

    private static ConditionState ProgressingCondition(string phase, StatusInputs inputs, Rollout rollout, Problem? stuck)
    {
        // A problem a person must fix stops progress even mid-resize, so Reconciling (mirroring this) and Stalled are
        // never True together: kstatus would read Reconciling first and wait instead of failing.
        if (phase == VisitCounterAppPhases.Degraded)
        {
            return new(VisitCounterAppConditionTypes.Progressing, false, inputs.Degraded!.Reason, "Not progressing until the problem in the Degraded condition is fixed");
        }

        if (inputs.StorageResizePending)
        {
            return new(VisitCounterAppConditionTypes.Progressing, true, "StorageResizing", "Volumes are being expanded and the StatefulSet re-created; pods and data stay");
        }

        if (stuck is not null)
        {
            return new(VisitCounterAppConditionTypes.Progressing, false, stuck.Reason, stuck.Message);
        }

        return phase switch
        {
            VisitCounterAppPhases.Pending => new(VisitCounterAppConditionTypes.Progressing, true, "Creating", "Waiting for the StatefulSet to report status"),
            _ when !rollout.Complete => new(VisitCounterAppConditionTypes.Progressing, true, rollout.Reason, rollout.Message),
            _ => new(VisitCounterAppConditionTypes.Progressing, false, "RolloutComplete", "The StatefulSet matches the spec"),
        };
    }

    // A dropped field is not an outage: the app runs without it and stays Ready, so it gets a condition of its own
    // rather than Degraded, which means "a person must act before the spec can be reached".
    private static ConditionState FieldsDroppedCondition(IReadOnlyList<DroppedFieldStatus> dropped) => dropped.Count == 0
        ? new(VisitCounterAppConditionTypes.FieldsDropped, false, "AllFieldsKept", "The API server kept every field the operator applied")
        : new(VisitCounterAppConditionTypes.FieldsDropped, true, "FieldNotPersisted", DroppedFields.Message(dropped));

    private static ConditionState DegradedCondition(Problem? problem) => problem is null
        ? new(VisitCounterAppConditionTypes.Degraded, false, "AsExpected", "The spec is valid and all children could be written")
        : new(VisitCounterAppConditionTypes.Degraded, true, problem.Reason, problem.Message);
}
