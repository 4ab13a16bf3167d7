using System.Globalization;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Status;

/// <summary>
/// Whether a StatefulSet has caught up with the spec, judged the way <c>kubectl rollout status</c> judges it:
/// a partition or OnDelete deliberately holds pods back, so those pods do not count as "still rolling out".
/// </summary>
internal sealed record Rollout(bool Complete, string Reason, string Message)
{
    public static Rollout Assess(EffectiveSpec spec, V1StatefulSet? sts)
    {
        var desired = spec.Replicas;
        var status = sts?.Status;
        if (sts is null || status is null)
        {
            return new(false, "StatefulSetMissing", "the StatefulSet does not report status yet");
        }

        if (status.ObservedGeneration is { } observed && sts.Metadata.Generation is { } generation && observed < generation)
        {
            return new(false, "SpecNotObserved", "the StatefulSet controller has not observed the latest spec yet");
        }

        if (status.Replicas != desired || (sts.Spec?.Replicas ?? desired) != desired)
        {
            return new(false, "Scaling", Text($"scaling from {status.Replicas} to {desired} pods"));
        }

        var ready = status.ReadyReplicas ?? 0;
        if (ready < desired)
        {
            return new(false, "PodsNotReady", Text($"waiting for {desired - ready} pod(s) to become ready"));
        }

        var strategy = spec.UpdateStrategy;
        if (strategy.Type == UpdateStrategyTypes.OnDelete || status.UpdateRevision == status.CurrentRevision)
        {
            return new(true, "RolloutComplete", "complete");
        }

        var mustBeUpdated = Math.Max(0, desired - (strategy.Partition ?? 0));
        var updated = status.UpdatedReplicas ?? 0;
        return updated >= mustBeUpdated
            ? new(true, "RolloutComplete", "complete")
            : new(false, "RollingUpdate", Text($"{updated}/{mustBeUpdated} pods on revision {status.UpdateRevision}"));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
