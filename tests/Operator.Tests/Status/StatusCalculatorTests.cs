using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Tests.Status;

public sealed class StatusCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static (VisitCounterApp App, EffectiveSpec Spec) App(int replicas = 3, UpdateStrategySpec? strategy = null)
    {
        var app = new VisitCounterApp { Metadata = new V1ObjectMeta { Name = "web", Namespace = "ns", Generation = 4 } };
        app.Spec.Replicas = replicas;
        app.Spec.UpdateStrategy = strategy;
        return (app, VisitCounterAppDefaults.Apply(app.Spec, OperatorDefaults.AppImage));
    }

    private static V1StatefulSet Sts(int replicas, int ready, int updated, string current = "r1", string update = "r1") => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", Generation = 2 },
        Spec = new V1StatefulSetSpec { Replicas = replicas },
        Status = new V1StatefulSetStatus { ObservedGeneration = 2, Replicas = replicas, ReadyReplicas = ready, UpdatedReplicas = updated, CurrentRevision = current, UpdateRevision = update },
    };

    private static string Condition(VisitCounterAppStatus status, string type) =>
        status.Conditions!.Single(c => c.Type == type).Status;

    [Fact]
    public void Pending_before_the_statefulset_exists()
    {
        var (app, spec) = App();
        var status = StatusCalculator.Compute(app, spec, new StatusInputs(), Now);
        Assert.Equal(VisitCounterAppPhases.Pending, status.Phase);
        Assert.Equal(("False", "True", "False"), (Condition(status, "Ready"), Condition(status, "Progressing"), Condition(status, "Degraded")));
        Assert.Equal(4, status.ObservedGeneration);
    }

    [Fact]
    public void Ready_when_all_pods_are_ready_on_one_revision()
    {
        var (app, spec) = App();
        var status = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 3, 3) }, Now);
        Assert.Equal(VisitCounterAppPhases.Ready, status.Phase);
        Assert.Equal(("True", "False", "False"), (Condition(status, "Ready"), Condition(status, "Progressing"), Condition(status, "Degraded")));
        Assert.Equal((3, 3, 3), (status.Replicas!.Value, status.ReadyReplicas!.Value, status.UpdatedReplicas!.Value));
        Assert.Equal(("r1", "r1"), (status.CurrentRevision, status.UpdateRevision));
    }

    [Fact]
    public void Progressing_while_pods_are_not_ready_or_a_rollout_runs()
    {
        var (app, spec) = App();
        Assert.Equal(VisitCounterAppPhases.Progressing, StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 2, 3) }, Now).Phase);
        Assert.Equal(VisitCounterAppPhases.Progressing, StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 3, 1, "r1", "r2") }, Now).Phase);
        Assert.Equal(VisitCounterAppPhases.Progressing, StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(2, 2, 2) }, Now).Phase);
    }

    [Fact]
    public void A_partition_holding_pods_back_counts_as_complete()
    {
        var (app, spec) = App(4, new UpdateStrategySpec { Type = "RollingUpdate", Partition = 2 });
        var status = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(4, 4, 2, "r1", "r2") }, Now);
        Assert.Equal(VisitCounterAppPhases.Ready, status.Phase);
    }

    [Fact]
    public void Degraded_wins_over_everything_and_carries_the_reason()
    {
        var (app, spec) = App();
        var status = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 3, 3), Degraded = new Problem("StorageShrinkRefused", "cannot shrink") }, Now);
        Assert.Equal(VisitCounterAppPhases.Degraded, status.Phase);
        var degraded = status.Conditions!.Single(c => c.Type == "Degraded");
        Assert.Equal(("True", "StorageShrinkRefused", "cannot shrink"), (degraded.Status, degraded.Reason, degraded.Message));
    }

    [Fact]
    public void Pending_resize_is_Progressing_with_reason_StorageResizing()
    {
        var (app, spec) = App();
        var status = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 3, 3), StorageResizePending = true }, Now);
        Assert.Equal(VisitCounterAppPhases.Progressing, status.Phase);
        Assert.Equal("StorageResizing", status.Conditions!.Single(c => c.Type == "Progressing").Reason);
    }

    [Fact]
    public void Recomputing_an_unchanged_world_later_gives_an_equal_status()
    {
        var (app, spec) = App();
        var inputs = new StatusInputs { StatefulSet = Sts(3, 3, 3) };
        app.Status = StatusCalculator.Compute(app, spec, inputs, Now);
        var again = StatusCalculator.Compute(app, spec, inputs, Now.AddHours(1));
        Assert.Equal(
            Serialization.OperatorJson.ToNode(app.Status).ToJsonString(),
            Serialization.OperatorJson.ToNode(again).ToJsonString());
    }
}
