namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>What the benchmark has seen of one VisitCounterApp and the children that name it as controller.</summary>
/// <param name="Name">The app's name.</param>
/// <param name="Uid">The app's uid; children count only when their controller ownerReference carries it.</param>
/// <param name="Generation">metadata.generation.</param>
/// <param name="ObservedGeneration">status.observedGeneration, null before the operator wrote a status.</param>
/// <param name="ReadyReplicas">status.readyReplicas, null when not reported.</param>
/// <param name="Visits">status.visits, null when not reported.</param>
/// <param name="StatefulSetReplicas">spec.replicas of the owned StatefulSet, null when there is none.</param>
/// <param name="HasHeadlessService">An owned Service with <c>clusterIP: None</c> exists.</param>
/// <param name="HasClientService">An owned Service with a cluster IP (or of another type) exists.</param>
public sealed record AppObservation(
    string Name,
    string Uid,
    long Generation,
    long? ObservedGeneration,
    int? ReadyReplicas,
    long? Visits,
    int? StatefulSetReplicas,
    bool HasHeadlessService,
    bool HasClientService);
