namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>One pod of a ReplicaSet as the planner sees it.</summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Active">Neither terminating nor finished (Succeeded/Failed).</param>
/// <param name="ReadySince">When it became Ready, or null while it is not.</param>
/// <param name="Created">Its creation time.</param>
/// <param name="Scheduled">Whether it has been bound to the node.</param>
internal sealed record ReplicaPod(string Name, bool Active, DateTimeOffset? ReadySince, DateTimeOffset Created, bool Scheduled);

/// <summary>What a ReplicaSet must do to have <c>spec.replicas</c> active pods.</summary>
internal sealed record ReplicaSetPlan(int Create, IReadOnlyList<string> Delete);

/// <summary>
/// The ReplicaSet controller's decision (pkg/controller/replicaset manageReplicas), pure: create the missing pods, or
/// delete the surplus, least valuable first (unscheduled, then not ready, then ready for the shortest time, then newest).
/// </summary>
internal static class ReplicaSetPlanner
{
    public static ReplicaSetPlan Plan(int desired, IReadOnlyList<ReplicaPod> pods)
    {
        var active = pods.Where(p => p.Active).ToList();
        if (active.Count < desired) return new ReplicaSetPlan(desired - active.Count, []);
        var surplus = active
            .OrderBy(p => p.Scheduled)
            .ThenBy(p => p.ReadySince is not null)
            .ThenByDescending(p => p.ReadySince ?? DateTimeOffset.MinValue)
            .ThenByDescending(p => p.Created)
            .Take(active.Count - desired)
            .Select(p => p.Name)
            .ToList();
        return new ReplicaSetPlan(0, surplus);
    }

    /// <summary>status.replicas, readyReplicas and availableReplicas (ready for at least minReadySeconds).</summary>
    public static (int Replicas, int Ready, int Available) Count(IReadOnlyList<ReplicaPod> pods, int minReadySeconds, DateTimeOffset now)
    {
        var active = pods.Where(p => p.Active).ToList();
        var ready = active.Where(p => p.ReadySince is not null).ToList();
        return (active.Count, ready.Count, ready.Count(p => p.ReadySince!.Value.AddSeconds(minReadySeconds) <= now));
    }
}
