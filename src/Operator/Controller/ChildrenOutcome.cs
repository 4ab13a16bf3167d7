using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Controller;

/// <summary>The result of bringing the children in line with the spec, as far as the status cares.</summary>
/// <param name="Degraded">A problem that blocks part of the spec (refused storage change, child owned by someone else).</param>
/// <param name="StorageResizePending">Whether a storage growth is still in flight.</param>
/// <param name="RequeueAfter">When to look again because something is in motion (a deletion, a re-create).</param>
public sealed record ChildrenOutcome(Problem? Degraded, bool StorageResizePending, TimeSpan? RequeueAfter)
{
    /// <summary>Everything matches.</summary>
    public static ChildrenOutcome InSync { get; } = new(null, false, null);
}
