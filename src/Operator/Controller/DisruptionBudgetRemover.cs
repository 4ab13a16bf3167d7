using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Operator.Children;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// Removes the app's PodDisruptionBudget when <c>spec.disruptionBudget</c> goes away. While the field is set the budget
/// is one more applied child (<see cref="DesiredChild{T}"/>); this is the other half. Only a budget the app controls
/// is deleted: someone else's budget of the same name is theirs.
/// </summary>
public sealed class DisruptionBudgetRemover(IKubernetesClient client, IAppEvents events, IEntityCache<V1PodDisruptionBudget> cache)
{
    /// <summary>Deletes the budget if the cache shows one the app controls.</summary>
    public async Task RemoveAsync(VisitCounterApp app, ReconcileActions actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(actions);
        var name = ChildNames.DisruptionBudget(app.Metadata.Name!);
        var live = cache.Get(name, app.Metadata.Namespace);
        if (live is null || live.Metadata.DeletionTimestamp is not null || !Ownership.IsControlledBy(live.Metadata, app.Metadata.Uid))
        {
            return;
        }

        // The cache may lag: the UID precondition makes sure only the budget we saw goes (a 404 means it already went).
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = live.Metadata.Uid } };
        await client.DeleteAsync<V1PodDisruptionBudget>(name, app.Metadata.Namespace, options, cancellationToken);
        actions.Add($"deleted PodDisruptionBudget {name}");
        await events.NormalAsync(app, "Deleted", $"Deleted PodDisruptionBudget {name}: spec.disruptionBudget was removed", cancellationToken);
    }
}
