namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>
/// Decides what one sync of a StatefulSet does, following the shape of Kubernetes' StatefulSet controller
/// (pkg/controller/statefulset/stateful_set_control.go): first make every ordinal below spec.replicas exist and be
/// healthy, then remove ordinals at or above it from the highest down, then (RollingUpdate only) replace outdated
/// pods from the highest ordinal down to the partition. With OrderedReady every phase stops at the first pod it has
/// to wait for, which is what makes creation and removal one-at-a-time; with Parallel the phases do not wait.
/// Pure: the same inputs always give the same plan.
/// </summary>
internal static class StatefulSetPlanner
{
    public static StatefulSetPlan Plan(
        StatefulSetView set, IReadOnlyList<OrdinalPod> pods, string currentRevision, string updateRevision, DateTimeOffset now)
    {
        var ordered = set.PodManagementPolicy == PodManagementPolicy.OrderedReady;
        var byOrdinal = new Dictionary<int, OrdinalPod>();
        foreach (var pod in pods.OrderBy(p => p.Ordinal))
        {
            byOrdinal.TryAdd(pod.Ordinal, pod);
        }

        var actions = new List<StatefulSetAction>();
        TimeSpan? requeue = null;

        StatefulSetPlan Done() => new(actions, requeue);

        // Phase 1: every ordinal in [0, replicas) exists and is healthy.
        for (var ordinal = 0; ordinal < set.Replicas; ordinal++)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod))
            {
                actions.Add(new CreatePod(ordinal, RevisionForNewPod(set, ordinal, currentRevision, updateRevision)));
                if (ordered)
                {
                    return Done();
                }

                continue;
            }

            if (pod.Finished && !pod.Terminating)
            {
                // A pod that ran to completion is replaced; the next sync (after it is gone) recreates it.
                actions.Add(new DeletePod(pod.Name, ordinal, "pod finished (phase Failed or Succeeded)"));
                if (ordered)
                {
                    return Done();
                }

                continue;
            }

            if (!pod.IsAvailable(set.MinReadySeconds, now))
            {
                requeue = Earliest(requeue, pod.UntilAvailable(set.MinReadySeconds, now));
                if (ordered)
                {
                    return Done();
                }
            }
        }

        // Phase 2: ordinals at or above replicas go, highest first.
        var condemned = byOrdinal.Values.Where(p => p.Ordinal >= set.Replicas).OrderByDescending(p => p.Ordinal).ToList();
        foreach (var pod in condemned)
        {
            if (pod.Terminating)
            {
                if (ordered)
                {
                    return Done();
                }

                continue;
            }

            actions.Add(new DeletePod(pod.Name, pod.Ordinal, $"scale down to {set.Replicas} replicas"));
            if (ordered)
            {
                return Done();
            }
        }

        if (set.UpdateStrategy == UpdateStrategyType.OnDelete || currentRevision == updateRevision && AllUpdated(byOrdinal, set, updateRevision))
        {
            return Done();
        }

        // Phase 3: rolling update from the highest ordinal down to the partition, at most maxUnavailable at a time.
        PlanRollingUpdate(set, byOrdinal, updateRevision, now, actions);
        return Done();
    }

    private static void PlanRollingUpdate(
        StatefulSetView set, Dictionary<int, OrdinalPod> byOrdinal, string updateRevision, DateTimeOffset now, List<StatefulSetAction> actions)
    {
        var unavailable = 0;
        for (var ordinal = 0; ordinal < set.Replicas; ordinal++)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod) || !pod.IsAvailable(set.MinReadySeconds, now))
            {
                unavailable++;
            }
        }

        var budget = set.ResolvedMaxUnavailable() - unavailable;
        for (var ordinal = set.Replicas - 1; ordinal >= set.Partition; ordinal--)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod) || pod.Terminating || pod.Revision == updateRevision)
            {
                continue;
            }

            if (!pod.IsAvailable(set.MinReadySeconds, now))
            {
                // Replacing a pod that serves nothing costs no availability; waiting on it would stall the rollout.
                actions.Add(new DeletePod(pod.Name, ordinal, $"unavailable pod at an outdated revision, updating to {updateRevision}"));
                continue;
            }

            if (budget <= 0)
            {
                return;
            }

            actions.Add(new DeletePod(pod.Name, ordinal, $"rolling update to revision {updateRevision}"));
            budget--;
        }
    }

    /// <summary>
    /// The revision a newly created pod gets: below the partition a RollingUpdate keeps the current revision, so that
    /// a recreated pod does not jump ahead of a staged rollout; every other pod gets the update revision.
    /// </summary>
    public static string RevisionForNewPod(StatefulSetView set, int ordinal, string currentRevision, string updateRevision) =>
        set.UpdateStrategy == UpdateStrategyType.RollingUpdate && ordinal < set.Partition ? currentRevision : updateRevision;

    private static bool AllUpdated(Dictionary<int, OrdinalPod> byOrdinal, StatefulSetView set, string updateRevision) =>
        byOrdinal.Values.Where(p => p.Ordinal < set.Replicas).All(p => p.Revision == updateRevision);

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
