using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Tests.Workloads.Objects;

public sealed class PodReadinessTests
{
    private static JsonObject Pod(params JsonObject[] conditions) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "web-0" },
        ["status"] = new JsonObject { ["conditions"] = new JsonArray(conditions) },
    };

    [Fact]
    public void A_pod_with_a_true_ready_condition_is_ready_since_its_transition()
    {
        var pod = Pod(
            new JsonObject { ["type"] = "Initialized", ["status"] = "True", ["lastTransitionTime"] = "2026-01-01T00:00:00Z" },
            new JsonObject { ["type"] = "Ready", ["status"] = "True", ["lastTransitionTime"] = "2026-01-01T00:00:05Z" });

        Assert.True(pod.IsReady());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero), pod.ReadySince());
    }

    [Fact]
    public void A_pod_whose_ready_condition_is_false_or_missing_is_not_ready()
    {
        var notReady = Pod(new JsonObject { ["type"] = "Ready", ["status"] = "False", ["lastTransitionTime"] = "2026-01-01T00:00:05Z" });
        var noStatus = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web-1" } };

        Assert.False(notReady.IsReady());
        Assert.Null(notReady.ReadySince());
        Assert.False(noStatus.IsReady());
        Assert.Null(noStatus.ReadySince());
    }

    [Fact]
    public void A_ready_pod_without_a_transition_time_counts_as_ready_for_ever()
    {
        var pod = Pod(new JsonObject { ["type"] = "Ready", ["status"] = "True" });

        Assert.Equal(DateTimeOffset.MinValue, pod.ReadySince());
    }
}
