using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Recovery;
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
        Assert.Equal(("True", "False"), Kstatus(status));
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
        Assert.Equal(("False", "True"), Kstatus(status));
    }

    [Fact]
    public void Pending_resize_is_Progressing_with_reason_StorageResizing()
    {
        var (app, spec) = App();
        var status = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 3, 3), StorageResizePending = true }, Now);
        Assert.Equal(VisitCounterAppPhases.Progressing, status.Phase);
        Assert.Equal("StorageResizing", status.Conditions!.Single(c => c.Type == "Progressing").Reason);
    }

    private static V1Condition ConditionOf(VisitCounterAppStatus status, string type) => status.Conditions!.Single(c => c.Type == type);

    private static (string Reconciling, string Stalled) Kstatus(VisitCounterAppStatus status) =>
        (Condition(status, VisitCounterAppConditionTypes.Reconciling), Condition(status, VisitCounterAppConditionTypes.Stalled));

    [Fact]
    public void Reconciling_is_True_with_Progressings_reason_while_the_app_moves_towards_its_spec()
    {
        var (app, spec) = App();
        var moving = new Dictionary<string, StatusInputs>
        {
            ["Creating"] = new(),
            ["PodsNotReady"] = new() { StatefulSet = Sts(3, 2, 3) },
            ["RollingUpdate"] = new() { StatefulSet = Sts(3, 3, 1, "r1", "r2") },
            ["Scaling"] = new() { StatefulSet = Sts(2, 2, 2) },
            ["StorageResizing"] = new() { StatefulSet = Sts(3, 3, 3), StorageResizePending = true },
        };
        foreach (var (reason, inputs) in moving)
        {
            var status = StatusCalculator.Compute(app, spec, inputs, Now);
            var (progressing, reconciling) = (ConditionOf(status, "Progressing"), ConditionOf(status, "Reconciling"));
            Assert.Equal(("True", reason), (reconciling.Status, reconciling.Reason));
            Assert.Equal((progressing.Reason, progressing.Message), (reconciling.Reason, reconciling.Message));
            Assert.Equal(("False", "AsExpected"), (Condition(status, "Stalled"), ConditionOf(status, "Stalled").Reason));
        }
    }

    [Fact]
    public void A_ready_app_is_neither_Reconciling_nor_Stalled()
    {
        var (app, spec) = App();
        var status = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 3, 3) }, Now);
        Assert.Equal(("False", "False"), Kstatus(status));
        Assert.Equal("RolloutComplete", ConditionOf(status, "Reconciling").Reason);
    }

    [Fact]
    public void A_problem_a_person_must_fix_is_Stalled_with_its_reason_and_stops_Reconciling()
    {
        var (app, spec) = App();
        var problem = new Problem("ChildOwnedByOther", "Service web is controlled by Deployment other; rename the app or delete it");
        var scenarios = new (EffectiveSpec? Spec, StatusInputs Inputs)[]
        {
            (null, new StatusInputs { Degraded = problem }),
            (spec, new StatusInputs { StatefulSet = Sts(3, 3, 3), Degraded = problem }),
            (spec, new StatusInputs { StatefulSet = Sts(3, 1, 1, "r1", "r2"), Degraded = problem }),
            (spec, new StatusInputs { StatefulSet = Sts(3, 3, 3), StorageResizePending = true, Degraded = problem }),
        };
        foreach (var (effective, inputs) in scenarios)
        {
            var status = StatusCalculator.Compute(app, effective, inputs, Now);
            Assert.Equal(("False", "True"), Kstatus(status));
            var stalled = ConditionOf(status, "Stalled");
            Assert.Equal((problem.Reason, problem.Message), (stalled.Reason, stalled.Message));
            Assert.Equal("False", Condition(status, "Progressing"));
        }
    }

    [Fact]
    public void A_rollout_stuck_on_a_broken_pod_is_Stalled_and_says_how_to_unblock_it()
    {
        var (app, spec) = App();
        var stuck = new StuckPod("web-2", "uid-2", "web-r1", "web-r2", "ErrImagePull", TimeSpan.FromMinutes(10));
        var status = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 2, 2, "web-r1", "web-r2"), StuckRollout = stuck }, Now);
        Assert.Equal(("False", "True"), Kstatus(status));
        var stalled = ConditionOf(status, "Stalled");
        Assert.Equal(RolloutStuckMessage.Reason, stalled.Reason);
        Assert.Equal(RolloutStuckMessage.For(stuck, spec.RolloutRecovery), stalled.Message);
        Assert.Contains("kubectl delete pod web-2", stalled.Message, StringComparison.Ordinal);
        Assert.Equal(("False", RolloutStuckMessage.Reason), (Condition(status, "Progressing"), ConditionOf(status, "Progressing").Reason));
    }

    [Fact]
    public void A_resize_in_flight_is_Reconciling_even_while_a_pod_is_stuck()
    {
        var (app, spec) = App();
        var stuck = new StuckPod("web-2", "uid-2", "web-r1", "web-r2", "ErrImagePull", TimeSpan.FromMinutes(10));
        var inputs = new StatusInputs { StatefulSet = Sts(3, 2, 2, "web-r1", "web-r2"), StuckRollout = stuck, StorageResizePending = true };
        Assert.Equal(("True", "False"), Kstatus(StatusCalculator.Compute(app, spec, inputs, Now)));
    }

    [Fact]
    public void Kstatus_conditions_carry_the_generation_and_move_their_transition_time_only_when_they_flip()
    {
        var (app, spec) = App();
        app.Status = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 2, 3) }, Now);
        var later = Now.AddMinutes(5);
        var ready = StatusCalculator.Compute(app, spec, new StatusInputs { StatefulSet = Sts(3, 3, 3) }, later);

        var (reconciling, stalled) = (ConditionOf(ready, "Reconciling"), ConditionOf(ready, "Stalled"));
        Assert.Equal((4L, 4L, 4L), (ready.ObservedGeneration!.Value, reconciling.ObservedGeneration!.Value, stalled.ObservedGeneration!.Value));
        Assert.Equal(later, reconciling.LastTransitionTime);
        Assert.Equal(Now, stalled.LastTransitionTime);
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
