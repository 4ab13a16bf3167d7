namespace VisitCounter.Operator.Recovery;

/// <summary>A pod that holds a rolling update back: on an older revision and not ready for too long.</summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod's UID, so a deletion cannot hit a re-created pod of the same name.</param>
/// <param name="Revision">The revision the pod runs (its <c>controller-revision-hash</c> label).</param>
/// <param name="UpdateRevision">The revision the StatefulSet is rolling out.</param>
/// <param name="Reason">Why it is not ready: a container's waiting reason (ErrImagePull, CrashLoopBackOff, ...) or NotReady.</param>
/// <param name="NotReadyFor">How long it has been not ready.</param>
public sealed record StuckPod(string Name, string Uid, string Revision, string UpdateRevision, string Reason, TimeSpan NotReadyFor);
