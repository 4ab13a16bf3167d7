using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Tests.Fakes;

namespace VisitCounter.Operator.Tests.Controller;

/// <summary>The PodDisruptionBudget child as the controller keeps it.</summary>
public sealed class DisruptionBudgetTests
{
    private const string Ns = ControllerHarness.Namespace;
    private readonly ControllerHarness h = new();

    [Fact]
    public async Task Budget_is_created_restored_after_a_hand_edit_and_removed_with_the_field()
    {
        var app = h.Apply(ControllerHarness.NewApp(configure: s => s.DisruptionBudget = new DisruptionBudgetSpec { MaxUnavailable = 1 }));

        await h.ReconcileAsync();
        var budget = h.Client.Find<V1PodDisruptionBudget>("web", Ns)!;
        Assert.Equal(1, budget.Spec!.MaxUnavailable!.IntValue);
        Assert.Equal(app.Metadata.Uid, Assert.Single(budget.Metadata.OwnerReferences!).Uid);

        h.Client.Mutate<V1PodDisruptionBudget>("web", Ns, b => b.Spec!.MaxUnavailable = 3);
        await h.ReconcileAsync();
        Assert.Equal(1, h.Client.Find<V1PodDisruptionBudget>("web", Ns)!.Spec!.MaxUnavailable!.IntValue);

        h.EditSpec(s => s.DisruptionBudget = null);
        await h.ReconcileAsync();
        Assert.Null(h.Client.Find<V1PodDisruptionBudget>("web", Ns));
        Assert.Contains(h.Events.Events, e => e.Reason == "Deleted" && e.Message.Contains("PodDisruptionBudget web", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_elses_budget_of_the_same_name_is_left_alone_when_the_field_is_unset()
    {
        h.Apply(ControllerHarness.NewApp());
        h.Client.Seed(new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "web", Namespace = Ns },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1 },
        });

        await h.ReconcileAsync();

        Assert.NotNull(h.Client.Find<V1PodDisruptionBudget>("web", Ns));
        Assert.DoesNotContain(h.Client.Writes, w => w.Kind == nameof(V1PodDisruptionBudget));
    }
}
