using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Controller;

/// <summary>What happened to one child.</summary>
public enum ApplyResult
{
    /// <summary>Every field we own already as desired; nothing sent.</summary>
    Unchanged,

    /// <summary>Created by the apply.</summary>
    Created,

    /// <summary>Applied to undo drift or follow a spec change.</summary>
    Updated,

    /// <summary>Being deleted; wait for it to go.</summary>
    Terminating,
}

/// <summary>The result of applying one child.</summary>
/// <param name="Result">What was done.</param>
/// <param name="Problem">Why the child could not be applied (another controller owns it), if so.</param>
/// <param name="Dropped">Fields of this apply the server did not keep.</param>
/// <param name="Stored">
/// The child as the server returned it from an update of a cached copy: fresher than the cache, which the update's
/// watch event has not necessarily reached yet.
/// </param>
public sealed record ApplyOutcome(ApplyResult Result, Problem? Problem, IReadOnlyList<DroppedFieldStatus> Dropped, IKubernetesObject<V1ObjectMeta>? Stored = null)
{
    /// <summary>The child cannot be applied until a person acts.</summary>
    public static ApplyOutcome Blocked(Problem problem) => new(ApplyResult.Unchanged, problem, []);
}
