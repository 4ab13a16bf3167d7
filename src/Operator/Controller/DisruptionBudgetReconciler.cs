using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// Keeps the app's PodDisruptionBudget in shape like the other children, and deletes it when
/// <c>spec.disruptionBudget</c> goes away (only when the app controls it: someone else's budget is theirs).
/// </summary>
public sealed class DisruptionBudgetReconciler(IKubernetesClient client, IAppEvents events, ChildWriter writer)
{
    /// <summary>Creates, restores or removes the budget; returns a problem when another controller owns the name.</summary>
    public async Task<Problem?> ReconcileAsync(VisitCounterApp app, V1PodDisruptionBudget? desired, ReconcileActions actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(actions);
        var name = ChildNames.DisruptionBudget(app.Metadata.Name!);
        var live = await client.GetAsync<V1PodDisruptionBudget>(name, app.Metadata.Namespace, cancellationToken);
        if (desired is not null)
        {
            var (_, problem) = await writer.EnsureAsync(app, desired, live, actions, [], cancellationToken);
            return problem;
        }

        if (live is not null && live.Metadata.DeletionTimestamp is null && Ownership.IsControlledBy(live.Metadata, app.Metadata.Uid))
        {
            var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = live.Metadata.Uid } };
            await client.DeleteAsync<V1PodDisruptionBudget>(name, app.Metadata.Namespace, options, cancellationToken);
            actions.Add($"deleted PodDisruptionBudget {name}");
            await events.NormalAsync(app, "Deleted", $"Deleted PodDisruptionBudget {name}: spec.disruptionBudget was removed", cancellationToken);
        }

        return null;
    }
}
