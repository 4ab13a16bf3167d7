using VisitCounter.Crds.V1Alpha1;

namespace VisitCounter.Operator.Status;

/// <summary>
/// The two abnormal-true conditions kstatus (sigs.k8s.io/cli-utils) reads, so that <c>helm install --wait</c>, Flux and
/// kpt judge the app as the operator does: <c>Reconciling=True</c> is "in progress", <c>Stalled=True</c> is "failed",
/// and both False (with <c>status.observedGeneration</c> equal to the generation) is "current". kstatus looks at
/// Reconciling first, so the two are never True together.
/// </summary>
public static class KstatusConditions
{
    /// <summary>Reconciling mirrors Progressing: the app is moving towards its spec, for the same reason.</summary>
    public static ConditionState Reconciling(ConditionState progressing)
    {
        ArgumentNullException.ThrowIfNull(progressing);
        return progressing with { Type = VisitCounterAppConditionTypes.Reconciling };
    }

    /// <summary>Stalled says what blocks the app until a person acts (<paramref name="blocker"/>), or that nothing does.</summary>
    public static ConditionState Stalled(Problem? blocker) => blocker is null
        ? new(VisitCounterAppConditionTypes.Stalled, false, "AsExpected", "Nothing keeps the app from reaching its spec")
        : new(VisitCounterAppConditionTypes.Stalled, true, blocker.Reason, blocker.Message);
}
