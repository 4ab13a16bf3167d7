using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Controller;

/// <summary>The result of bringing the children in line with the spec, as far as the status cares.</summary>
/// <param name="Degraded">A problem that blocks part of the spec (refused storage change, child owned by someone else).</param>
/// <param name="StorageResizePending">Whether a storage growth is still in flight.</param>
/// <param name="RequeueAfter">When to look again because something is in motion (a deletion, a re-create).</param>
/// <param name="Dropped">Fields the server did not keep in this reconcile's applies.</param>
/// <param name="UpdatedStatefulSet">
/// The StatefulSet as this reconcile's update left it, when it updated one. The status is judged from it rather than
/// from the cache: a stale cached copy of a finished rollout would report the new generation Ready (and kstatus
/// current) before the StatefulSet controller has even seen the change.
/// </param>
public sealed record ChildrenOutcome(
    Problem? Degraded, bool StorageResizePending, TimeSpan? RequeueAfter, IReadOnlyList<DroppedFieldStatus> Dropped, V1StatefulSet? UpdatedStatefulSet = null);
