using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>What persistentVolumeClaimRetentionPolicy asks of one existing claim of a StatefulSet.</summary>
/// <param name="OwnerReferences">The claim's owner references as they should be.</param>
/// <param name="DeleteNow">whenScaled is Delete, the ordinal is gone and its pod no longer exists.</param>
internal sealed record ClaimDecision(IReadOnlyList<OwnerReference> OwnerReferences, bool DeleteNow);

/// <summary>
/// The retention policy expressed as owner references, as Kubernetes implements it: whenDeleted=Delete makes the
/// StatefulSet own every claim (so deleting the set lets the garbage collector remove them), whenScaled=Delete makes
/// the pod of a condemned ordinal own its claim (so removing the pod removes the claim). References to any other
/// owner are left as they are.
/// </summary>
internal static class ClaimOwnership
{
    public static ClaimDecision Decide(
        StatefulSetView set, OwnerReference setReference, int ordinal, IReadOnlyList<OwnerReference> current, OwnerReference? pod)
    {
        var condemned = ordinal >= set.Replicas;
        var others = current.Where(r => r.Uid != setReference.Uid && !IsSetKind(r, set.Name) && !(pod is not null && r.Uid == pod.Uid)
                                        && !(r.Kind == "Pod" && r.Name == StatefulSetPodFactory.PodName(set.Name, ordinal)))
            .ToList();

        if (set.WhenDeleted == ClaimRetention.Delete)
        {
            others.Add(setReference with { Controller = true, BlockOwnerDeletion = true });
        }

        if (condemned && set.WhenScaled == ClaimRetention.Delete)
        {
            if (pod is null)
            {
                return new ClaimDecision(others, DeleteNow: true);
            }

            others.Add(pod with { Controller = false, BlockOwnerDeletion = false });
        }

        return new ClaimDecision(others, DeleteNow: false);
    }

    /// <summary>A reference to an earlier StatefulSet of the same name (deleted with orphan propagation and recreated).</summary>
    private static bool IsSetKind(OwnerReference reference, string setName) =>
        reference.Kind == "StatefulSet" && reference.Name == setName;
}
