using VisitCounter.LocalCluster.Workloads.StatefulSets;
using static VisitCounter.LocalCluster.Tests.Workloads.StatefulSets.StatefulSetFixtures;

namespace VisitCounter.LocalCluster.Tests.Workloads.StatefulSets;

public sealed class StatefulSetPlannerTests
{
    private static StatefulSetPlan Plan(StatefulSetView set, IReadOnlyList<OrdinalPod> pods, string current = "r1", string update = "r1") =>
        StatefulSetPlanner.Plan(set, pods, current, update, Now);

    private static List<int> Created(StatefulSetPlan plan) => plan.Actions.OfType<CreatePod>().Select(a => a.Ordinal).ToList();

    private static List<string> Deleted(StatefulSetPlan plan) => plan.Actions.OfType<DeletePod>().Select(a => a.Name).ToList();

    [Fact]
    public void OrderedReady_creates_only_the_first_missing_ordinal()
    {
        var plan = Plan(View(StatefulSet(replicas: 3)), []);

        Assert.Equal([0], Created(plan));
    }

    [Fact]
    public void OrderedReady_waits_while_the_previous_pod_is_not_ready()
    {
        var plan = Plan(View(StatefulSet(replicas: 3)), [NotReady(0)]);

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void OrderedReady_creates_the_next_ordinal_once_the_previous_is_ready()
    {
        var plan = Plan(View(StatefulSet(replicas: 3)), [Ready(0), Ready(1)]);

        Assert.Equal([2], Created(plan));
    }

    [Fact]
    public void Parallel_creates_every_missing_ordinal_at_once_without_waiting_for_readiness()
    {
        var plan = Plan(View(StatefulSet(replicas: 4, policy: "Parallel")), [NotReady(1)]);

        Assert.Equal([0, 2, 3], Created(plan));
    }

    [Fact]
    public void OrderedReady_scale_down_deletes_only_the_highest_ordinal()
    {
        var plan = Plan(View(StatefulSet(replicas: 1)), ReadyPods(4));

        Assert.Equal(["web-3"], Deleted(plan));
    }

    [Fact]
    public void OrderedReady_scale_down_waits_for_the_terminating_pod_to_go()
    {
        var plan = Plan(View(StatefulSet(replicas: 1)), [Ready(0), Ready(1), Ready(2), Terminating(3)]);

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Parallel_scale_down_deletes_all_condemned_pods_highest_first()
    {
        var plan = Plan(View(StatefulSet(replicas: 1, policy: "Parallel")), ReadyPods(4));

        Assert.Equal(["web-3", "web-2", "web-1"], Deleted(plan));
    }

    [Fact]
    public void OrderedReady_does_not_scale_down_while_a_remaining_pod_is_unhealthy()
    {
        var plan = Plan(View(StatefulSet(replicas: 2)), [Ready(0), NotReady(1), Ready(2)]);

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Failed_pod_is_deleted_so_that_it_is_recreated()
    {
        var failed = Ready(1) with { Finished = true };

        var plan = Plan(View(StatefulSet(replicas: 3)), [Ready(0), failed, Ready(2)]);

        Assert.Equal(["web-1"], Deleted(plan));
    }

    [Fact]
    public void Rolling_update_replaces_the_highest_outdated_ordinal_first_one_at_a_time()
    {
        var plan = Plan(View(StatefulSet(replicas: 3)), ReadyPods(3, "old"), current: "old", update: "new");

        Assert.Equal(["web-2"], Deleted(plan));
    }

    [Fact]
    public void Rolling_update_waits_while_an_updated_pod_is_not_ready_yet()
    {
        var plan = Plan(View(StatefulSet(replicas: 3, policy: "Parallel")), [Ready(0, "old"), Ready(1, "old"), NotReady(2, "new")], "old", "new");

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Rolling_update_continues_downwards_after_the_updated_pod_is_ready()
    {
        var plan = Plan(View(StatefulSet(replicas: 3)), [Ready(0, "old"), Ready(1, "old"), Ready(2, "new")], "old", "new");

        Assert.Equal(["web-1"], Deleted(plan));
    }

    [Fact]
    public void Rolling_update_leaves_ordinals_below_the_partition_at_the_current_revision()
    {
        var set = View(StatefulSet(replicas: 3, partition: 2));

        var plan = Plan(set, [Ready(0, "old"), Ready(1, "old"), Ready(2, "new")], "old", "new");

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Recreated_pod_below_the_partition_gets_the_current_revision_and_above_it_the_update_revision()
    {
        var set = View(StatefulSet(replicas: 3, partition: 2, policy: "Parallel"));

        var plan = Plan(set, [Ready(1, "old")], "old", "new");

        var creates = plan.Actions.OfType<CreatePod>().ToDictionary(a => a.Ordinal, a => a.Revision);
        Assert.Equal("old", creates[0]);
        Assert.Equal("new", creates[2]);
    }

    [Fact]
    public void Rolling_update_with_maxUnavailable_replaces_that_many_pods_at_once()
    {
        var set = View(StatefulSet(replicas: 4, policy: "Parallel", maxUnavailable: 2));

        var plan = Plan(set, ReadyPods(4, "old"), "old", "new");

        Assert.Equal(["web-3", "web-2"], Deleted(plan));
    }

    [Fact]
    public void MaxUnavailable_percentage_rounds_up()
    {
        var set = View(StatefulSet(replicas: 5, maxUnavailable: "30%"));

        Assert.Equal(2, set.ResolvedMaxUnavailable());
    }

    [Fact]
    public void OnDelete_never_deletes_outdated_pods_itself()
    {
        var set = View(StatefulSet(replicas: 3, strategy: "OnDelete"));

        var plan = Plan(set, ReadyPods(3, "old"), "old", "new");

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void OnDelete_recreates_a_pod_the_user_deleted_with_the_update_revision()
    {
        var set = View(StatefulSet(replicas: 3, strategy: "OnDelete"));

        var plan = Plan(set, [Ready(0, "old"), Ready(2, "old")], "old", "new");

        var create = Assert.Single(plan.Actions.OfType<CreatePod>());
        Assert.Equal((1, "new"), (create.Ordinal, create.Revision));
    }

    [Fact]
    public void MinReadySeconds_holds_the_next_creation_and_asks_to_look_again_when_the_pod_becomes_available()
    {
        var set = View(StatefulSet(replicas: 2, minReadySeconds: 10));

        var plan = Plan(set, [Ready(0, readyForSeconds: 4)]);

        Assert.Empty(plan.Actions);
        Assert.Equal(TimeSpan.FromSeconds(6), plan.RequeueAfter);
    }

    [Fact]
    public void MinReadySeconds_lets_the_next_pod_start_once_available()
    {
        var set = View(StatefulSet(replicas: 2, minReadySeconds: 10));

        var plan = Plan(set, [Ready(0, readyForSeconds: 11)]);

        Assert.Equal([1], Created(plan));
    }

    [Fact]
    public void Steady_state_plans_nothing()
    {
        var plan = Plan(View(StatefulSet(replicas: 3)), ReadyPods(3));

        Assert.Empty(plan.Actions);
        Assert.Null(plan.RequeueAfter);
    }
}
