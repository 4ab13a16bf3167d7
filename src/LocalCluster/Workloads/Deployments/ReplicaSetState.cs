namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>What the Deployment controller needs to know of one of its ReplicaSets.</summary>
/// <param name="Name">The ReplicaSet's name.</param>
/// <param name="SpecReplicas">Its <c>spec.replicas</c>.</param>
/// <param name="Replicas">Its <c>status.replicas</c> (pods that exist and are not terminating).</param>
/// <param name="Ready">Its <c>status.readyReplicas</c>.</param>
/// <param name="Available">Its <c>status.availableReplicas</c>.</param>
/// <param name="Revision">Its <c>deployment.kubernetes.io/revision</c>.</param>
internal sealed record ReplicaSetState(string Name, int SpecReplicas, int Replicas, int Ready, int Available, long Revision);
