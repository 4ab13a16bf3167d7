namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>The replica counts a Deployment wants of its ReplicaSets now (pkg/controller/deployment: rolling.go, recreate.go, sync.go).</summary>
internal sealed record DeploymentPlan(IReadOnlyDictionary<string, int> Scale, IReadOnlyList<string> Delete);

/// <summary>
/// Decides one step of a Deployment's rollout, given its new ReplicaSet (the one whose template matches) and the old
/// ones. Pure. RollingUpdate: grow the new set while the total stays within replicas + maxSurge, shrink old sets
/// while availability stays at or above replicas - maxUnavailable (unhealthy old pods go first). Recreate: old sets
/// to zero, and the new set only once no old pod is left. Old sets beyond revisionHistoryLimit that run nothing are deleted.
/// </summary>
internal static class DeploymentPlanner
{
    public static DeploymentPlan Plan(DeploymentView deployment, ReplicaSetState newSet, IReadOnlyList<ReplicaSetState> oldSets)
    {
        var scale = new Dictionary<string, int>(StringComparer.Ordinal);
        var desired = deployment.Replicas;
        var activeOld = oldSets.Where(s => s.SpecReplicas > 0 || s.Replicas > 0).ToList();
        if (deployment.Recreate)
        {
            foreach (var old in activeOld.Where(s => s.SpecReplicas > 0)) scale[old.Name] = 0;
            if (activeOld.Count == 0 && newSet.SpecReplicas != desired) scale[newSet.Name] = desired;
        }
        else if (activeOld.All(s => s.SpecReplicas == 0))
        {
            // Nothing left to roll: a plain scale of the new set.
            if (newSet.SpecReplicas != desired) scale[newSet.Name] = desired;
        }
        else
        {
            RollingStep(deployment, newSet, activeOld, scale);
        }

        var history = oldSets.Where(s => s.SpecReplicas == 0 && s.Replicas == 0 && !scale.ContainsKey(s.Name))
            .OrderBy(s => s.Revision).ToList();
        var delete = history.Take(Math.Max(0, history.Count - deployment.RevisionHistoryLimit)).Select(s => s.Name).ToList();
        return new DeploymentPlan(scale, delete);
    }

    private static void RollingStep(DeploymentView deployment, ReplicaSetState newSet, List<ReplicaSetState> olds, Dictionary<string, int> scale)
    {
        var desired = deployment.Replicas;
        var (maxSurge, maxUnavailable) = deployment.RollingBounds();
        var total = newSet.SpecReplicas + olds.Sum(s => s.SpecReplicas);

        var newReplicas = newSet.SpecReplicas;
        if (total < desired + maxSurge && newReplicas < desired)
        {
            newReplicas = Math.Min(desired, newReplicas + (desired + maxSurge - total));
            scale[newSet.Name] = newReplicas;
        }

        var minAvailable = desired - maxUnavailable;
        var newUnavailable = newReplicas - newSet.Available;
        var allPods = newReplicas + olds.Sum(s => s.SpecReplicas);
        var cleanup = allPods - minAvailable - newUnavailable;
        var remaining = olds.ToDictionary(s => s.Name, s => s.SpecReplicas, StringComparer.Ordinal);
        foreach (var old in olds.OrderBy(s => s.Revision))
        {
            if (cleanup <= 0) break;
            var unhealthy = Math.Min(cleanup, Math.Max(0, remaining[old.Name] - old.Available));
            remaining[old.Name] -= unhealthy;
            cleanup -= unhealthy;
        }

        var available = newSet.Available + olds.Sum(s => Math.Min(s.Available, remaining[s.Name]));
        var scaleDown = available - minAvailable;
        foreach (var old in olds.OrderBy(s => s.Revision))
        {
            if (scaleDown <= 0) break;
            var step = Math.Min(scaleDown, remaining[old.Name]);
            remaining[old.Name] -= step;
            scaleDown -= step;
        }

        foreach (var old in olds.Where(s => remaining[s.Name] != s.SpecReplicas)) scale[old.Name] = remaining[old.Name];
    }
}
