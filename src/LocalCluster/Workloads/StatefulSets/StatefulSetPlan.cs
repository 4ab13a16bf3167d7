namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>One step the StatefulSet controller takes against the store.</summary>
internal abstract record StatefulSetAction;

/// <summary>Create the pod with this ordinal (and its claims first) from the template of <paramref name="Revision"/>.</summary>
internal sealed record CreatePod(int Ordinal, string Revision) : StatefulSetAction;

/// <summary>Delete a pod; <paramref name="Reason"/> is logged and names the rule that asked for it.</summary>
internal sealed record DeletePod(string Name, int Ordinal, string Reason) : StatefulSetAction;

/// <summary>
/// The outcome of one sync: the actions to take now, and when to look again even without an event
/// (a pod waiting out minReadySeconds produces no watch event when it becomes available).
/// </summary>
internal sealed record StatefulSetPlan(IReadOnlyList<StatefulSetAction> Actions, TimeSpan? RequeueAfter)
{
    public static readonly StatefulSetPlan Nothing = new([], null);
}
