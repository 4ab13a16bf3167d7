using VisitCounter.LocalCluster.Workloads.StatefulSets;
using static VisitCounter.LocalCluster.Tests.Workloads.StatefulSets.StatefulSetFixtures;

namespace VisitCounter.LocalCluster.Tests.Workloads.StatefulSets;

public sealed class StatefulSetStatusCalculatorTests
{
    [Fact]
    public void Counts_replicas_ready_available_and_revisions()
    {
        var set = View(StatefulSet(replicas: 3, partition: 1, minReadySeconds: 30));
        OrdinalPod[] pods = [Ready(0, "old"), Ready(1, "new", readyForSeconds: 5), NotReady(2, "new")];

        var status = StatefulSetStatusCalculator.Compute(set, pods, "old", "new", Now);

        Assert.Equal(2, status.ObservedGeneration);
        Assert.Equal(3, status.Replicas);
        Assert.Equal(2, status.ReadyReplicas);
        Assert.Equal(1, status.AvailableReplicas);
        Assert.Equal(1, status.CurrentReplicas);
        Assert.Equal(2, status.UpdatedReplicas);
        Assert.Equal("old", status.CurrentRevision);
        Assert.Equal("new", status.UpdateRevision);
    }

    [Fact]
    public void Completed_rolling_update_makes_the_update_revision_current()
    {
        var set = View(StatefulSet(replicas: 2));

        var status = StatefulSetStatusCalculator.Compute(set, ReadyPods(2, "new"), "old", "new", Now);

        Assert.Equal("new", status.CurrentRevision);
        Assert.Equal(2, status.CurrentReplicas);
    }

    [Fact]
    public void OnDelete_keeps_the_current_revision_until_pods_are_replaced_by_hand()
    {
        var set = View(StatefulSet(replicas: 2, strategy: "OnDelete"));

        var status = StatefulSetStatusCalculator.Compute(set, ReadyPods(2, "new"), "old", "new", Now);

        Assert.Equal("old", status.CurrentRevision);
    }

    [Fact]
    public void Terminating_pods_count_as_replicas_but_not_as_current_or_updated()
    {
        var set = View(StatefulSet(replicas: 1));

        var status = StatefulSetStatusCalculator.Compute(set, [Ready(0), Terminating(1)], "r1", "r1", Now);

        Assert.Equal(2, status.Replicas);
        Assert.Equal(1, status.CurrentReplicas);
        Assert.Equal(1, status.ReadyReplicas);
    }

    [Fact]
    public void Json_omits_zero_counts_like_the_real_server()
    {
        var set = View(StatefulSet(replicas: 1));

        var json = StatefulSetStatusCalculator.Compute(set, [NotReady(0)], "r1", "r1", Now).ToJson();

        Assert.False(json.ContainsKey("readyReplicas"));
        Assert.Equal(1, json["replicas"]!.GetValue<int>());
        Assert.Equal(0, json["availableReplicas"]!.GetValue<int>());
    }
}
