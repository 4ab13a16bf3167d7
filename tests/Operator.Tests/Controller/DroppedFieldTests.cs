using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Tests.Fakes;

namespace VisitCounter.Operator.Tests.Controller;

/// <summary>A field the API server does not keep (MaxUnavailableStatefulSet off, as on 1.24-1.34) is reported once and not fought.</summary>
public sealed class DroppedFieldTests
{
    private const string MaxUnavailable = "spec.updateStrategy.rollingUpdate.maxUnavailable";
    private readonly ControllerHarness h = new();

    public DroppedFieldTests()
    {
        h.Client.DroppedPaths.Add((nameof(V1StatefulSet), MaxUnavailable));
        h.Apply(ControllerHarness.NewApp(configure: s =>
        {
            s.Replicas = 3;
            s.UpdateStrategy = new UpdateStrategySpec { Type = UpdateStrategyTypes.RollingUpdate, MaxUnavailable = IntOrString.FromInt(2) };
        }));
    }

    private int StatefulSetApplies => h.Client.Writes.Count(w => w.Verb == "apply" && w.Kind == nameof(V1StatefulSet));

    [Fact]
    public async Task A_dropped_field_is_applied_once_reported_once_and_the_app_stays_Ready()
    {
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        for (var i = 0; i < 4; i++)
        {
            await h.ReconcileAsync();
        }

        Assert.Equal(1, StatefulSetApplies);
        var status = h.App().Status!;
        var dropped = Assert.Single(status.DroppedFields!);
        Assert.Equal(("StatefulSet", MaxUnavailable, "MaxUnavailableStatefulSet"), (dropped.Kind, dropped.Path, dropped.FeatureGate));
        var condition = status.Conditions!.Single(c => c.Type == VisitCounterAppConditionTypes.FieldsDropped);
        Assert.Equal("True", condition.Status);
        Assert.Contains(MaxUnavailable, condition.Message, StringComparison.Ordinal);
        Assert.Contains("MaxUnavailableStatefulSet", condition.Message, StringComparison.Ordinal);
        Assert.Equal(VisitCounterAppPhases.Ready, status.Phase);
        Assert.Equal("False", status.Conditions!.Single(c => c.Type == VisitCounterAppConditionTypes.Degraded).Status);
        Assert.Single(h.Events.Events, e => e.Type == "Warning" && e.Reason == "FieldsDropped");
    }

    [Fact]
    public async Task A_restarted_operator_reads_the_dropped_field_from_the_status_and_writes_nothing()
    {
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();
        var writes = h.Client.Writes.Count;

        h.Restart();
        await h.ReconcileAsync();
        await h.ReconcileAsync();

        Assert.Equal(writes, h.Client.Writes.Count);
    }

    [Fact]
    public async Task A_spec_change_tries_the_field_once_more_without_a_second_warning()
    {
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();

        h.EditSpec(s => s.Replicas = 4);
        await h.ReconcileAsync();
        await h.ReconcileAsync();

        Assert.Equal(2, StatefulSetApplies);
        Assert.Single(h.App().Status!.DroppedFields!);
        Assert.Single(h.Events.Events, e => e.Reason == "FieldsDropped");
    }

    [Fact]
    public async Task Removing_the_field_from_the_spec_clears_the_condition()
    {
        await h.ReconcileAsync();
        h.EditSpec(s => s.UpdateStrategy!.MaxUnavailable = null);
        await h.ReconcileAsync();

        var status = h.App().Status!;
        Assert.Null(status.DroppedFields);
        Assert.Equal("False", status.Conditions!.Single(c => c.Type == VisitCounterAppConditionTypes.FieldsDropped).Status);
    }
}
