using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Operator.Drift;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// A child applied as it is (no re-creation logic): its desired state and the cache that holds its live copy.
/// Adding a kind of child (a PodDisruptionBudget) is one more <see cref="DesiredChild{T}"/> in the controller's list.
/// </summary>
public abstract class DesiredChild
{
    /// <summary>Applies the child unless every field we own already matches.</summary>
    /// <param name="applier">Does the server-side apply.</param>
    /// <param name="app">The owner.</param>
    /// <param name="knownDropped">Fields the server is known to drop for the current spec; they are not applied.</param>
    /// <param name="actions">Collects what was done.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public abstract Task<ApplyOutcome> ApplyAsync(
        ChildApplier applier, VisitCounterApp app, IReadOnlyList<DroppedFieldStatus> knownDropped, ReconcileActions actions, CancellationToken cancellationToken);
}

/// <summary>A child of kind <typeparamref name="T"/>.</summary>
/// <param name="desired">What the child should be.</param>
/// <param name="cache">The informer cache holding the live copy.</param>
public sealed class DesiredChild<T>(T desired, IEntityCache<T> cache) : DesiredChild
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    public override Task<ApplyOutcome> ApplyAsync(
        ChildApplier applier, VisitCounterApp app, IReadOnlyList<DroppedFieldStatus> knownDropped, ReconcileActions actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applier);
        var cached = cache.Get(desired.Metadata.Name!, desired.Metadata.Namespace);
        var omitted = DroppedFields.PathsOf(knownDropped, EntityMetadata.For<T>().Kind);
        return applier.ApplyAsync(app, desired, cached, [], omitted, actions, cancellationToken);
    }
}
