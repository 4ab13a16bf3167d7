using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Children;

/// <summary>Everything a VisitCounterApp should own, built in one go from its effective spec.</summary>
/// <param name="HeadlessService">The headless Service for stable pod DNS.</param>
/// <param name="ClientService">The client Service.</param>
/// <param name="StatefulSet">The StatefulSet.</param>
public sealed record DesiredChildren(V1Service HeadlessService, V1Service ClientService, V1StatefulSet StatefulSet)
{
    /// <summary>The PodDisruptionBudget, or null when the spec asks for none (then an existing one is removed).</summary>
    public V1PodDisruptionBudget? DisruptionBudget { get; init; }

    /// <summary>Builds all children of <paramref name="app"/>.</summary>
    public static DesiredChildren For(VisitCounterApp app, EffectiveSpec spec) => new(
        ServiceBuilder.BuildHeadless(app, spec),
        ServiceBuilder.BuildClient(app, spec),
        StatefulSetBuilder.Build(app, spec))
    {
        DisruptionBudget = PodDisruptionBudgetBuilder.Build(app, spec),
    };

    /// <summary>The children in the order they are created: Services first, so pod DNS works from the first pod on.</summary>
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> InCreationOrder()
    {
        yield return HeadlessService;
        yield return ClientService;
        yield return StatefulSet;
        if (DisruptionBudget is not null)
        {
            yield return DisruptionBudget;
        }
    }
}
