using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.StatefulSets;
using static VisitCounter.LocalCluster.Tests.Workloads.StatefulSets.StatefulSetFixtures;

namespace VisitCounter.LocalCluster.Tests.Workloads.StatefulSets;

public sealed class RevisionPlannerTests
{
    private static readonly HashSet<string> NoneInUse = [];

    [Fact]
    public void First_sync_creates_revision_1_which_is_both_current_and_update()
    {
        var plan = RevisionPlanner.Plan(StatefulSet(), [], NoneInUse);

        Assert.NotNull(plan.RevisionToSave);
        Assert.Equal(1, ControllerRevisions.RevisionNumber(plan.RevisionToSave));
        Assert.Equal(plan.UpdateRevision, plan.CurrentRevision);
        Assert.StartsWith("web-", plan.UpdateRevision, StringComparison.Ordinal);
    }

    [Fact]
    public void Revision_name_does_not_depend_on_field_order()
    {
        var a = StatefulSet();
        var b = JsonNode.Parse(CanonicalJson.SerializeToString(a))!.AsObject();

        Assert.Equal(RevisionPlanner.Plan(a, [], NoneInUse).UpdateRevision, RevisionPlanner.Plan(b, [], NoneInUse).UpdateRevision);
    }

    [Fact]
    public void Changed_template_creates_the_next_revision_and_keeps_the_current_one_from_status()
    {
        var v1 = RevisionPlanner.Plan(StatefulSet(), [], NoneInUse).RevisionToSave!;
        var set = StatefulSet(image: "visitcounter/counter-app:0.1.1");
        set["status"] = new JsonObject { ["currentRevision"] = v1.Name() };

        var plan = RevisionPlanner.Plan(set, [v1], NoneInUse);

        Assert.Equal(v1.Name(), plan.CurrentRevision);
        Assert.NotEqual(v1.Name(), plan.UpdateRevision);
        Assert.Equal(2, ControllerRevisions.RevisionNumber(plan.RevisionToSave!));
        Assert.Equal("visitcounter/counter-app:0.1.0", plan.CurrentTemplate["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("visitcounter/counter-app:0.1.1", plan.UpdateTemplate["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Unchanged_template_saves_nothing()
    {
        var v1 = RevisionPlanner.Plan(StatefulSet(), [], NoneInUse).RevisionToSave!;

        var plan = RevisionPlanner.Plan(StatefulSet(), [v1], NoneInUse);

        Assert.Null(plan.RevisionToSave);
        Assert.Equal(v1.Name(), plan.UpdateRevision);
    }

    [Fact]
    public void Rollback_to_an_older_template_renumbers_its_revision()
    {
        var v1 = RevisionPlanner.Plan(StatefulSet(), [], NoneInUse).RevisionToSave!;
        var v2 = RevisionPlanner.Plan(StatefulSet(image: "x/y:2"), [v1], NoneInUse).RevisionToSave!;

        var plan = RevisionPlanner.Plan(StatefulSet(), [v1, v2], NoneInUse);

        Assert.Equal(v1.Name(), plan.UpdateRevision);
        Assert.Equal(3, ControllerRevisions.RevisionNumber(plan.RevisionToSave!));
    }

    [Fact]
    public void History_beyond_the_limit_is_pruned_oldest_first_except_revisions_pods_still_use()
    {
        var history = new List<JsonObject>();
        for (var i = 0; i < 5; i++)
        {
            history.Add(RevisionPlanner.Plan(StatefulSet(image: "x/y:" + i), history, NoneInUse).RevisionToSave!);
        }

        var set = StatefulSet(image: "x/y:4");
        set["spec"]!["revisionHistoryLimit"] = 1;
        var plan = RevisionPlanner.Plan(set, history, new HashSet<string> { history[0].Name() });

        Assert.Equal([history[1].Name(), history[2].Name()], plan.RevisionsToDelete);
    }

    [Fact]
    public void Status_starting_to_report_collisionCount_zero_keeps_the_revision_name()
    {
        var first = RevisionPlanner.Plan(StatefulSet(), [], NoneInUse).RevisionToSave!;
        var set = StatefulSet();
        set["status"] = new JsonObject { ["collisionCount"] = 0, ["currentRevision"] = first.Name() };

        var plan = RevisionPlanner.Plan(set, [first], NoneInUse);

        Assert.Equal(first.Name(), plan.UpdateRevision);
        Assert.Null(plan.RevisionToSave);
    }
}
