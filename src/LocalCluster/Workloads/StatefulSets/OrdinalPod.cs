namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>What the planner needs to know about one pod of a StatefulSet.</summary>
/// <param name="Ordinal">The ordinal parsed from the pod name (NAME-ORDINAL).</param>
/// <param name="Name">The pod name.</param>
/// <param name="Revision">The pod's controller-revision-hash label.</param>
/// <param name="Terminating">The pod has a deletionTimestamp.</param>
/// <param name="Finished">The pod's phase is Failed or Succeeded: the controller replaces it.</param>
/// <param name="ReadySince">When the Ready condition last became True, or null when the pod is not ready.</param>
internal sealed record OrdinalPod(
    int Ordinal, string Name, string Revision, bool Terminating, bool Finished, DateTimeOffset? ReadySince)
{
    public bool IsReady => ReadySince is not null && !Terminating && !Finished;

    /// <summary>Ready for at least minReadySeconds, the availability rule of the Deployment and StatefulSet controllers.</summary>
    public bool IsAvailable(int minReadySeconds, DateTimeOffset now) =>
        IsReady && (minReadySeconds == 0 || ReadySince!.Value.AddSeconds(minReadySeconds) <= now);

    /// <summary>How long until a ready pod becomes available; null when it is not ready or already available.</summary>
    public TimeSpan? UntilAvailable(int minReadySeconds, DateTimeOffset now) =>
        IsReady && !IsAvailable(minReadySeconds, now) ? ReadySince!.Value.AddSeconds(minReadySeconds) - now : null;
}
