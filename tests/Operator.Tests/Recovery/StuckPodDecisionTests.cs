using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Recovery;

namespace VisitCounter.Operator.Tests.Recovery;

public sealed class StuckPodDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LongAgo = TimeSpan.FromMinutes(10);

    private static EffectiveSpec Spec(bool enabled = true, int stuckAfterSeconds = 60, int replicas = 3, Action<VisitCounterAppSpec>? configure = null)
    {
        var spec = new VisitCounterAppSpec
        {
            Replicas = replicas,
            RolloutRecovery = new RolloutRecoverySpec { Enabled = enabled, StuckAfterSeconds = stuckAfterSeconds },
        };
        configure?.Invoke(spec);
        return VisitCounterAppDefaults.Apply(spec, OperatorDefaults.AppImage);
    }

    private static V1StatefulSet Sts(string update = "web-r3", int replicas = 3, long observedGeneration = 5) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", Generation = 5 },
        Spec = new V1StatefulSetSpec { Replicas = replicas },
        Status = new V1StatefulSetStatus { ObservedGeneration = observedGeneration, Replicas = replicas, CurrentRevision = "web-r1", UpdateRevision = update },
    };

    private static V1Pod Pod(int ordinal, string revision, bool ready = true, TimeSpan? notReadyFor = null, string? waiting = null, bool terminating = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"web-{ordinal}",
            Uid = $"uid-{ordinal}",
            CreationTimestamp = Now - TimeSpan.FromHours(1),
            DeletionTimestamp = terminating ? Now : null,
            Labels = new Dictionary<string, string> { [StuckPodDecision.RevisionLabel] = revision },
        },
        Status = new V1PodStatus
        {
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = Now - (notReadyFor ?? LongAgo) }],
            ContainerStatuses = waiting is null ? null : [new V1ContainerStatus { Name = "counter", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waiting } } }],
        },
    };

    /// <summary>The stuck rollout of kubernetes#67250: web-2 got broken revision r2, the template was fixed to r3.</summary>
    private static List<V1Pod> StuckOnBrokenPod(TimeSpan? notReadyFor = null) =>
        [Pod(0, "web-r1"), Pod(1, "web-r1"), Pod(2, "web-r2", ready: false, notReadyFor: notReadyFor, waiting: "ErrImagePull")];

    [Fact]
    public void Pod_of_an_older_revision_not_ready_past_the_timer_is_deleted_when_recovery_is_on()
    {
        var decision = StuckPodDecision.Decide(Spec(), Sts(), StuckOnBrokenPod(), RecoveryRecord.Empty, Now);

        Assert.True(decision.Delete);
        Assert.Equal(new StuckPod("web-2", "uid-2", "web-r2", "web-r3", "ErrImagePull", LongAgo), decision.Stuck);
        Assert.False(decision.ReportStuck);
    }

    [Fact]
    public void Recovery_off_reports_the_stuck_pod_and_deletes_nothing()
    {
        var decision = StuckPodDecision.Decide(Spec(enabled: false), Sts(), StuckOnBrokenPod(), RecoveryRecord.Empty, Now);

        Assert.False(decision.Delete);
        Assert.True(decision.ReportStuck);
        Assert.Equal("web-2", decision.Stuck!.Name);
    }

    [Fact]
    public void Pod_on_the_update_revision_is_never_stuck_however_long_it_is_not_ready()
    {
        List<V1Pod> pods = [Pod(0, "web-r1"), Pod(1, "web-r1"), Pod(2, "web-r3", ready: false, waiting: "CrashLoopBackOff")];

        var decision = StuckPodDecision.Decide(Spec(), Sts(), pods, RecoveryRecord.Empty, Now);

        Assert.Null(decision.Stuck);
        Assert.False(decision.Delete);
        Assert.Null(decision.RecheckAfter);
    }

    [Fact]
    public void Ready_pods_of_an_older_revision_are_a_normal_rolling_update_not_a_stuck_one()
    {
        List<V1Pod> pods = [Pod(0, "web-r1"), Pod(1, "web-r1"), Pod(2, "web-r3")];

        var decision = StuckPodDecision.Decide(Spec(), Sts(), pods, RecoveryRecord.Empty, Now);

        Assert.Null(decision.Stuck);
        Assert.Null(decision.RecheckAfter);
    }

    [Fact]
    public void Before_the_timer_runs_out_nothing_is_deleted_and_a_recheck_is_due_when_it_does()
    {
        var decision = StuckPodDecision.Decide(Spec(stuckAfterSeconds: 60), Sts(), StuckOnBrokenPod(TimeSpan.FromSeconds(45)), RecoveryRecord.Empty, Now);

        Assert.Null(decision.Stuck);
        Assert.False(decision.Delete);
        Assert.Equal(TimeSpan.FromSeconds(15), decision.RecheckAfter);
    }

    [Fact]
    public void Timer_counts_from_when_the_pod_became_not_ready_not_from_its_creation()
    {
        // Created an hour ago, but Ready went False only 10 s ago (e.g. a crash after a long healthy life).
        var decision = StuckPodDecision.Decide(Spec(stuckAfterSeconds: 60), Sts(), StuckOnBrokenPod(TimeSpan.FromSeconds(10)), RecoveryRecord.Empty, Now);

        Assert.Null(decision.Stuck);
        Assert.Equal(TimeSpan.FromSeconds(50), decision.RecheckAfter);
    }

    [Fact]
    public void Timer_runs_exactly_at_stuckAfterSeconds()
    {
        var decision = StuckPodDecision.Decide(Spec(stuckAfterSeconds: 60), Sts(), StuckOnBrokenPod(TimeSpan.FromSeconds(60)), RecoveryRecord.Empty, Now);

        Assert.True(decision.Delete);
    }

    [Fact]
    public void A_pod_already_deleted_for_this_update_revision_is_reported_and_not_deleted_again()
    {
        var record = RecoveryRecord.Empty.With("web-r3", "web-2");

        var decision = StuckPodDecision.Decide(Spec(), Sts(), StuckOnBrokenPod(), record, Now);

        Assert.False(decision.Delete);
        Assert.True(decision.ReportStuck);
        Assert.Equal("web-2", decision.Stuck!.Name);
    }

    [Fact]
    public void A_new_update_revision_allows_one_more_deletion_of_the_same_pod()
    {
        var record = RecoveryRecord.Empty.With("web-r2", "web-2");

        var decision = StuckPodDecision.Decide(Spec(), Sts(update: "web-r3"), StuckOnBrokenPod(), record, Now);

        Assert.True(decision.Delete);
    }

    [Fact]
    public void Only_one_pod_at_a_time_nothing_is_deleted_while_another_pod_is_terminating()
    {
        List<V1Pod> pods = [Pod(0, "web-r1"), Pod(1, "web-r2", ready: false, waiting: "ErrImagePull"), Pod(2, "web-r3", ready: false, terminating: true)];

        var decision = StuckPodDecision.Decide(Spec(), Sts(), pods, RecoveryRecord.Empty, Now);

        Assert.False(decision.Delete);
        Assert.Null(decision.Stuck);
        Assert.Equal(StuckPodDecision.SettleInterval, decision.RecheckAfter);
    }

    [Fact]
    public void Only_one_pod_at_a_time_nothing_is_deleted_while_a_pod_is_missing()
    {
        List<V1Pod> pods = [Pod(0, "web-r1"), Pod(1, "web-r2", ready: false, waiting: "ErrImagePull")];

        var decision = StuckPodDecision.Decide(Spec(), Sts(), pods, RecoveryRecord.Empty, Now);

        Assert.False(decision.Delete);
    }

    [Fact]
    public void Of_several_stuck_pods_the_highest_ordinal_goes_first_as_the_rolling_update_order_has_it()
    {
        List<V1Pod> pods = [Pod(0, "web-r1"), Pod(1, "web-r2", ready: false, waiting: "CrashLoopBackOff"), Pod(2, "web-r2", ready: false, waiting: "ImagePullBackOff")];

        var decision = StuckPodDecision.Decide(Spec(), Sts(), pods, RecoveryRecord.Empty, Now);

        Assert.True(decision.Delete);
        Assert.Equal(("web-2", "ImagePullBackOff"), (decision.Stuck.Name, decision.Stuck.Reason));
    }

    [Fact]
    public void Pods_below_the_partition_are_held_back_on_purpose_and_left_alone()
    {
        var spec = Spec(configure: s => s.UpdateStrategy = new UpdateStrategySpec { Partition = 2 });
        List<V1Pod> pods = [Pod(0, "web-r1"), Pod(1, "web-r2", ready: false, waiting: "CrashLoopBackOff"), Pod(2, "web-r3")];

        var decision = StuckPodDecision.Decide(spec, Sts(), pods, RecoveryRecord.Empty, Now);

        Assert.Null(decision.Stuck);
    }

    [Fact]
    public void OnDelete_leaves_replacing_pods_to_the_user()
    {
        var spec = Spec(configure: s => s.UpdateStrategy = new UpdateStrategySpec { Type = UpdateStrategyTypes.OnDelete });

        var decision = StuckPodDecision.Decide(spec, Sts(), StuckOnBrokenPod(), RecoveryRecord.Empty, Now);

        Assert.Null(decision.Stuck);
    }

    [Fact]
    public void Nothing_is_decided_until_the_StatefulSet_has_observed_the_latest_template()
    {
        var decision = StuckPodDecision.Decide(Spec(), Sts(observedGeneration: 4), StuckOnBrokenPod(), RecoveryRecord.Empty, Now);

        Assert.Null(decision.Stuck);
        Assert.False(decision.Delete);
    }

    [Fact]
    public void A_pod_without_a_Ready_condition_counts_from_its_creation()
    {
        var pod = Pod(2, "web-r2", ready: false, waiting: "ErrImagePull");
        pod.Status!.Conditions = null;

        var decision = StuckPodDecision.Decide(Spec(), Sts(), [Pod(0, "web-r1"), Pod(1, "web-r1"), pod], RecoveryRecord.Empty, Now);

        Assert.True(decision.Delete);
        Assert.Equal(TimeSpan.FromHours(1), decision.Stuck.NotReadyFor);
    }
}
