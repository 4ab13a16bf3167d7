using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Disruption;

namespace VisitCounter.LocalCluster.Tests.Workloads.Disruption;

public sealed class DisruptionBudgetStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static JsonObject Budget(string spec, string? status = null) => JsonNode.Parse(
        """{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web","namespace":"default","generation":3},"spec":"""
        + spec + (status is null ? "" : ",\"status\":" + status) + "}")!.AsObject();

    private static JsonObject Pod(string name, bool ready = true, bool terminating = false)
    {
        var pod = JsonNode.Parse("""
            {"metadata":{"namespace":"default",
              "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"web","uid":"sts-uid","controller":true}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}
            """)!.AsObject();
        pod["metadata"]!["name"] = name;
        pod["status"]!["conditions"]![0]!["status"] = ready ? "True" : "False";
        if (terminating)
        {
            pod["metadata"]!["deletionTimestamp"] = "2026-01-01T09:59:00Z";
        }

        return pod;
    }

    private static int? ThreeReplicas(string uid) => uid == "sts-uid" ? 3 : null;

    private static (int Allowed, int Current, int Desired, int Expected) Counts(JsonObject status) => (
        status["disruptionsAllowed"]!.GetValue<int>(), status["currentHealthy"]!.GetValue<int>(),
        status["desiredHealthy"]!.GetValue<int>(), status["expectedPods"]!.GetValue<int>());

    [Fact]
    public void MaxUnavailable_one_of_three_ready_pods_allows_one_disruption()
    {
        var status = DisruptionBudgetStatus.Compute(Budget("""{"maxUnavailable":1}"""), [Pod("web-0"), Pod("web-1"), Pod("web-2")], ThreeReplicas, Now);

        Assert.Equal((1, 3, 2, 3), Counts(status));
        Assert.Equal(3, status["observedGeneration"]!.GetValue<long>());
        var condition = status["conditions"]![0]!;
        Assert.Equal(("DisruptionAllowed", "True", "SufficientPods"), (condition["type"]!.GetValue<string>(), condition["status"]!.GetValue<string>(), condition["reason"]!.GetValue<string>()));
    }

    [Fact]
    public void MaxUnavailable_one_with_a_pod_down_allows_none()
    {
        var status = DisruptionBudgetStatus.Compute(Budget("""{"maxUnavailable":1}"""), [Pod("web-0"), Pod("web-1", ready: false), Pod("web-2")], ThreeReplicas, Now);

        Assert.Equal((0, 2, 2, 3), Counts(status));
        Assert.Equal(("False", "InsufficientPods"), (status["conditions"]![0]!["status"]!.GetValue<string>(), status["conditions"]![0]!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public void Expected_pods_come_from_the_controller_scale_so_a_missing_pod_counts_as_unavailable()
    {
        var status = DisruptionBudgetStatus.Compute(Budget("""{"maxUnavailable":1}"""), [Pod("web-0"), Pod("web-1")], ThreeReplicas, Now);

        Assert.Equal((0, 2, 2, 3), Counts(status));
    }

    [Fact]
    public void MinAvailable_as_a_number_counts_the_selected_pods()
    {
        var status = DisruptionBudgetStatus.Compute(Budget("""{"minAvailable":1}"""), [Pod("web-0"), Pod("web-1")], ThreeReplicas, Now);

        Assert.Equal((1, 2, 1, 2), Counts(status));
    }

    [Fact]
    public void Percentages_scale_the_controller_replicas_rounding_up()
    {
        var pods = new[] { Pod("web-0"), Pod("web-1"), Pod("web-2") };

        // 50% of 3 is 1.5 pods that must stay: 2. 34% of 3 is 1.02 pods that may go: 2, leaving 1 desired.
        Assert.Equal((1, 3, 2, 3), Counts(DisruptionBudgetStatus.Compute(Budget("""{"minAvailable":"50%"}"""), pods, ThreeReplicas, Now)));
        Assert.Equal((2, 3, 1, 3), Counts(DisruptionBudgetStatus.Compute(Budget("""{"maxUnavailable":"34%"}"""), pods, ThreeReplicas, Now)));
    }

    [Fact]
    public void A_recently_evicted_pod_does_not_count_as_healthy_until_the_deletion_timeout()
    {
        var pods = new[] { Pod("web-0"), Pod("web-1"), Pod("web-2") };
        var recent = Budget("""{"maxUnavailable":1}""", """{"disruptedPods":{"web-2":"2026-01-01T09:59:30Z"}}""");
        var expired = Budget("""{"maxUnavailable":1}""", """{"disruptedPods":{"web-2":"2026-01-01T09:50:00Z"}}""");

        var whileEvicting = DisruptionBudgetStatus.Compute(recent, pods, ThreeReplicas, Now);
        var afterTimeout = DisruptionBudgetStatus.Compute(expired, pods, ThreeReplicas, Now);

        Assert.Equal((0, 2, 2, 3), Counts(whileEvicting));
        Assert.NotNull(whileEvicting["disruptedPods"]!["web-2"]);
        Assert.Equal((1, 3, 2, 3), Counts(afterTimeout));
        Assert.Null(afterTimeout["disruptedPods"]);
    }

    [Fact]
    public void Terminating_pods_are_not_healthy()
    {
        var status = DisruptionBudgetStatus.Compute(Budget("""{"maxUnavailable":1}"""), [Pod("web-0"), Pod("web-1"), Pod("web-2", terminating: true)], ThreeReplicas, Now);

        Assert.Equal((0, 2, 2, 3), Counts(status));
    }

    [Fact]
    public void Condition_keeps_its_transition_time_while_its_status_holds()
    {
        var previous = """{"conditions":[{"type":"DisruptionAllowed","status":"True","lastTransitionTime":"2026-01-01T08:00:00Z"}]}""";

        var status = DisruptionBudgetStatus.Compute(Budget("""{"maxUnavailable":1}""", previous), [Pod("web-0"), Pod("web-1"), Pod("web-2")], ThreeReplicas, Now);

        Assert.Equal("2026-01-01T08:00:00Z", status["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>());
    }
}
