using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Deployments;

namespace VisitCounter.LocalCluster.Tests.Workloads.Deployments;

public sealed class DeploymentPlannerTests
{
    private static DeploymentView Deployment(int replicas, string type = "RollingUpdate", JsonNode? surge = null, JsonNode? unavailable = null, int history = 10) =>
        new("default", "web", "uid", 1, replicas, type == "Recreate", surge ?? "25%", unavailable ?? "25%", history, 0, [], []);

    private static ReplicaSetState Set(string name, int spec, int available, long revision) => new(name, spec, spec, available, available, revision);

    [Fact]
    public void A_new_deployment_scales_its_only_replica_set_to_the_replicas()
    {
        var plan = DeploymentPlanner.Plan(Deployment(3), Set("web-new", 0, 0, 1), []);

        Assert.Equal(3, plan.Scale["web-new"]);
    }

    [Fact]
    public void A_rolling_update_surges_the_new_set_within_max_surge()
    {
        var plan = DeploymentPlanner.Plan(Deployment(4, surge: 1, unavailable: 0), Set("web-new", 0, 0, 2), [Set("web-old", 4, 4, 1)]);

        Assert.Equal(1, plan.Scale["web-new"]);
        Assert.False(plan.Scale.ContainsKey("web-old"));
    }

    [Fact]
    public void Old_pods_go_only_while_availability_stays_above_replicas_minus_max_unavailable()
    {
        var waiting = DeploymentPlanner.Plan(Deployment(4, surge: 1, unavailable: 0), Set("web-new", 1, 0, 2), [Set("web-old", 4, 4, 1)]);
        var progressed = DeploymentPlanner.Plan(Deployment(4, surge: 1, unavailable: 0), Set("web-new", 1, 1, 2), [Set("web-old", 4, 4, 1)]);

        Assert.Empty(waiting.Scale);
        Assert.Equal(3, progressed.Scale["web-old"]);
    }

    [Fact]
    public void Max_unavailable_lets_old_pods_go_before_new_ones_are_ready()
    {
        var plan = DeploymentPlanner.Plan(Deployment(4, surge: 0, unavailable: 2), Set("web-new", 0, 0, 2), [Set("web-old", 4, 4, 1)]);

        Assert.Equal(2, plan.Scale["web-old"]);
        Assert.False(plan.Scale.ContainsKey("web-new"));
    }

    [Fact]
    public void Recreate_stops_old_pods_before_the_new_set_grows()
    {
        var stopping = DeploymentPlanner.Plan(Deployment(2, "Recreate"), Set("web-new", 0, 0, 2), [Set("web-old", 2, 2, 1)]);
        var stillRunning = DeploymentPlanner.Plan(Deployment(2, "Recreate"), Set("web-new", 0, 0, 2), [new ReplicaSetState("web-old", 0, 1, 0, 0, 1)]);
        var stopped = DeploymentPlanner.Plan(Deployment(2, "Recreate"), Set("web-new", 0, 0, 2), [Set("web-old", 0, 0, 1)]);

        Assert.Equal(new Dictionary<string, int> { ["web-old"] = 0 }, stopping.Scale);
        Assert.Empty(stillRunning.Scale);
        Assert.Equal(new Dictionary<string, int> { ["web-new"] = 2 }, stopped.Scale);
    }

    [Fact]
    public void Empty_old_sets_beyond_the_history_limit_are_deleted_oldest_first()
    {
        var plan = DeploymentPlanner.Plan(Deployment(1, history: 1), Set("web-4", 1, 1, 4), [Set("web-1", 0, 0, 1), Set("web-3", 0, 0, 3), Set("web-2", 0, 0, 2)]);

        Assert.Equal(["web-1", "web-2"], plan.Delete);
    }

    [Fact]
    public void Status_is_complete_only_when_every_replica_is_new_and_available()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var rolling = DeploymentStatusCalculator.Compute(Deployment(2), Set("web-new", 2, 1, 2), [Set("web-old", 1, 1, 1)], null, now);
        var done = DeploymentStatusCalculator.Compute(Deployment(2), Set("web-new", 2, 2, 2), [Set("web-old", 0, 0, 1)], rolling, now.AddMinutes(1));

        Assert.Equal("ReplicaSetUpdated", Condition(rolling, "Progressing")["reason"]!.GetValue<string>());
        Assert.Equal("NewReplicaSetAvailable", Condition(done, "Progressing")["reason"]!.GetValue<string>());
        Assert.Equal("ReplicaSet \"web-new\" has successfully progressed.", Condition(done, "Progressing")["message"]!.GetValue<string>());
        Assert.Equal("True", Condition(done, "Available")["status"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:00Z", Condition(done, "Progressing")["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal(2, done["updatedReplicas"]!.GetValue<int>());
    }

    [Fact]
    public void Replica_sets_delete_the_least_valuable_pods_first()
    {
        var t0 = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var pods = new[]
        {
            new ReplicaPod("ready-old", true, t0, t0, true),
            new ReplicaPod("ready-new", true, t0.AddMinutes(5), t0.AddMinutes(1), true),
            new ReplicaPod("not-ready", true, null, t0, true),
            new ReplicaPod("gone", false, null, t0, true),
        };

        Assert.Equal(["not-ready", "ready-new"], ReplicaSetPlanner.Plan(1, pods).Delete);
        Assert.Equal(2, ReplicaSetPlanner.Plan(5, pods).Create);
    }

    private static JsonObject Condition(JsonObject status, string type) =>
        status["conditions"]!.AsArray().OfType<JsonObject>().Single(c => c["type"]!.GetValue<string>() == type);
}
