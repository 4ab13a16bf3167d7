using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.GarbageCollection;

namespace VisitCounter.LocalCluster.Tests.Workloads.GarbageCollection;

public sealed class GarbageCollectionPlannerTests
{
    private static GraphObject Obj(string resource, string name, string uid, string[]? finalizers = null, bool terminating = false,
        params (string Uid, string Name, bool Block)[] owners)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["uid"] = uid };
        if (finalizers is not null)
        {
            metadata["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
        }

        if (terminating)
        {
            metadata["deletionTimestamp"] = "2026-01-01T00:00:00Z";
        }

        if (owners.Length > 0)
        {
            metadata["ownerReferences"] = new JsonArray(owners.Select(o => (JsonNode)new JsonObject
            {
                ["apiVersion"] = "apps/v1", ["kind"] = "StatefulSet", ["name"] = o.Name, ["uid"] = o.Uid,
                ["controller"] = true, ["blockOwnerDeletion"] = o.Block,
            }).ToArray());
        }

        return new GraphObject(resource, new JsonObject { ["metadata"] = metadata });
    }

    [Fact]
    public void Dependent_of_an_absent_owner_is_deleted_in_the_background()
    {
        var pod = Obj("pods", "web-0", "p0", owners: ("gone", "web", true));

        var action = Assert.Single(GarbageCollectionPlanner.Plan([pod]));

        var delete = Assert.IsType<DeleteDependent>(action);
        Assert.Equal((pod, Propagation.Background, true), (delete.Target, delete.Propagation, delete.OwnersGone));
    }

    [Fact]
    public void Dependent_of_a_live_owner_is_left_alone()
    {
        var set = Obj("statefulsets", "web", "s1");
        var pod = Obj("pods", "web-0", "p0", owners: ("s1", "web", true));

        Assert.Empty(GarbageCollectionPlanner.Plan([set, pod]));
    }

    [Fact]
    public void Owner_with_the_same_uid_but_another_name_does_not_count()
    {
        var set = Obj("statefulsets", "other", "s1");
        var pod = Obj("pods", "web-0", "p0", owners: ("s1", "web", true));

        Assert.IsType<DeleteDependent>(Assert.Single(GarbageCollectionPlanner.Plan([set, pod])));
    }

    [Fact]
    public void Orphan_propagation_removes_the_reference_then_the_finalizer()
    {
        var set = Obj("statefulsets", "web", "s1", ["orphan"], terminating: true);
        var pod = Obj("pods", "web-0", "p0", owners: ("s1", "web", true));

        var first = GarbageCollectionPlanner.Plan([set, pod]);

        var release = Assert.IsType<RemoveOwnerReferences>(Assert.Single(first));
        Assert.Equal(["s1"], release.OwnerUids);

        var orphaned = Obj("pods", "web-0", "p0");
        var second = GarbageCollectionPlanner.Plan([set, orphaned]);

        var finalizer = Assert.IsType<RemoveFinalizer>(Assert.Single(second));
        Assert.Equal(("orphan", set), (finalizer.Finalizer, finalizer.Target));
    }

    [Fact]
    public void Foreground_deletion_deletes_dependents_first_and_keeps_the_owner_while_they_exist()
    {
        var set = Obj("statefulsets", "web", "s1", ["foregroundDeletion"], terminating: true);
        var pod = Obj("pods", "web-0", "p0", owners: ("s1", "web", true));

        var actions = GarbageCollectionPlanner.Plan([set, pod]);

        var delete = Assert.IsType<DeleteDependent>(Assert.Single(actions));
        Assert.Equal(Propagation.Foreground, delete.Propagation);
        Assert.False(delete.OwnersGone);
    }

    [Fact]
    public void Foreground_owner_waits_for_a_terminating_blocking_dependent()
    {
        var set = Obj("statefulsets", "web", "s1", ["foregroundDeletion"], terminating: true);
        var pod = Obj("pods", "web-0", "p0", terminating: true, owners: ("s1", "web", true));

        Assert.Empty(GarbageCollectionPlanner.Plan([set, pod]));
    }

    [Fact]
    public void Foreground_finalizer_goes_once_only_non_blocking_dependents_remain()
    {
        var set = Obj("statefulsets", "web", "s1", ["foregroundDeletion"], terminating: true);
        var pod = Obj("pods", "web-0", "p0", terminating: true, owners: ("s1", "web", false));

        var finalizer = Assert.IsType<RemoveFinalizer>(Assert.Single(GarbageCollectionPlanner.Plan([set, pod])));
        Assert.Equal("foregroundDeletion", finalizer.Finalizer);
    }

    [Fact]
    public void Dependent_with_one_live_and_one_absent_owner_only_loses_the_dangling_reference()
    {
        var set = Obj("statefulsets", "web", "s1");
        var pvc = Obj("persistentvolumeclaims", "data-web-0", "c0", owners: [("s1", "web", true), ("gone", "web-0", false)]);

        var release = Assert.IsType<RemoveOwnerReferences>(Assert.Single(GarbageCollectionPlanner.Plan([set, pvc])));
        Assert.Equal(["gone"], release.OwnerUids);
    }

    [Fact]
    public void Terminating_dependent_is_not_deleted_again()
    {
        var pod = Obj("pods", "web-0", "p0", terminating: true, owners: ("gone", "web", true));

        Assert.Empty(GarbageCollectionPlanner.Plan([pod]));
    }

    [Fact]
    public void Owner_terminating_with_only_other_finalizers_keeps_its_dependents()
    {
        var set = Obj("statefulsets", "web", "s1", ["example.com/hold"], terminating: true);
        var pod = Obj("pods", "web-0", "p0", owners: ("s1", "web", true));

        Assert.Empty(GarbageCollectionPlanner.Plan([set, pod]));
    }
}
