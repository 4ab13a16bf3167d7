using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.StatefulSets;
using static VisitCounter.LocalCluster.Tests.Workloads.StatefulSets.StatefulSetFixtures;

namespace VisitCounter.LocalCluster.Tests.Workloads.StatefulSets;

public sealed class ClaimOwnershipTests
{
    private static readonly OwnerReference SetRef = new("apps/v1", "StatefulSet", "web", "set-uid", true, true);
    private static readonly OwnerReference PodRef = new("v1", "Pod", "web-2", "pod-uid", false, false);

    [Fact]
    public void Retain_Retain_leaves_claims_without_our_owner_references()
    {
        var set = View(StatefulSet(replicas: 1));

        var decision = ClaimOwnership.Decide(set, SetRef, 2, [SetRef, PodRef], PodRef);

        Assert.Empty(decision.OwnerReferences);
        Assert.False(decision.DeleteNow);
    }

    [Fact]
    public void WhenDeleted_Delete_makes_the_set_own_every_claim()
    {
        var set = View(StatefulSet(replicas: 3, whenDeleted: "Delete"));

        var decision = ClaimOwnership.Decide(set, SetRef, 0, [], null);

        Assert.Equal("set-uid", Assert.Single(decision.OwnerReferences).Uid);
    }

    [Fact]
    public void WhenScaled_Delete_makes_the_pod_of_a_condemned_ordinal_own_its_claim()
    {
        var set = View(StatefulSet(replicas: 2, whenScaled: "Delete"));

        var decision = ClaimOwnership.Decide(set, SetRef, 2, [], PodRef);

        Assert.Equal("pod-uid", Assert.Single(decision.OwnerReferences).Uid);
        Assert.False(decision.DeleteNow);
    }

    [Fact]
    public void WhenScaled_Delete_deletes_the_claim_once_the_condemned_pod_is_gone()
    {
        var set = View(StatefulSet(replicas: 2, whenScaled: "Delete"));

        Assert.True(ClaimOwnership.Decide(set, SetRef, 2, [], null).DeleteNow);
    }

    [Fact]
    public void WhenScaled_Retain_keeps_the_claim_of_a_condemned_ordinal()
    {
        var set = View(StatefulSet(replicas: 2, whenScaled: "Retain"));

        var decision = ClaimOwnership.Decide(set, SetRef, 2, [], null);

        Assert.False(decision.DeleteNow);
        Assert.Empty(decision.OwnerReferences);
    }

    [Fact]
    public void Scaling_back_up_removes_the_pod_reference()
    {
        var set = View(StatefulSet(replicas: 3, whenScaled: "Delete"));

        var decision = ClaimOwnership.Decide(set, SetRef, 2, [PodRef], PodRef);

        Assert.Empty(decision.OwnerReferences);
    }

    [Fact]
    public void References_to_other_owners_are_kept()
    {
        var set = View(StatefulSet(replicas: 3));
        var other = new OwnerReference("v1", "ConfigMap", "x", "other-uid", false, false);

        var decision = ClaimOwnership.Decide(set, SetRef, 0, [other], null);

        Assert.Equal(other, Assert.Single(decision.OwnerReferences));
    }
}
