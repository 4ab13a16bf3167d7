using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Children;

/// <summary>Builds the policy/v1 PodDisruptionBudget of a VisitCounterApp from its effective spec. Pure.</summary>
public static class PodDisruptionBudgetBuilder
{
    /// <summary>The desired budget, or null when <c>spec.disruptionBudget</c> is unset (then none should exist).</summary>
    public static V1PodDisruptionBudget? Build(VisitCounterApp app, EffectiveSpec spec)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.DisruptionBudget is not { } budget)
        {
            return null;
        }

        var name = app.Metadata.Name!;
        return new V1PodDisruptionBudget
        {
            Metadata = ChildMetadata.For(app, ChildNames.DisruptionBudget(name)),
            Spec = new V1PodDisruptionBudgetSpec
            {
                MaxUnavailable = budget.MaxUnavailable,
                MinAvailable = budget.MinAvailable,

                // The StatefulSet's selector: the budget covers exactly the app's pods.
                Selector = new V1LabelSelector { MatchLabels = AppLabels.Selector(name) },
            },
        };
    }
}
