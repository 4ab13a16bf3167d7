using System.Text.Json.Nodes;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Tests.Fakes;

namespace VisitCounter.Operator.Tests.Controller;

/// <summary>What the controller costs the API server when nothing changes, whatever triggers its reconciles.</summary>
public sealed class SteadyStateTests
{
    private const string Ns = ControllerHarness.Namespace;
    private readonly ControllerHarness h = new();

    private async Task ConvergeAsync(int replicas = 2, int intervalSeconds = 10)
    {
        h.Apply(ControllerHarness.NewApp(configure: s => { s.Replicas = replicas; s.Visits = new VisitsSpec { IntervalSeconds = intervalSeconds }; }));
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        h.Clock.Advance(TimeSpan.FromSeconds(intervalSeconds));
        await h.ReconcileAsync();
    }

    [Fact]
    public async Task Reconciles_inside_one_interval_read_the_visits_once_and_write_the_status_once()
    {
        await ConvergeAsync(replicas: 2, intervalSeconds: 10);
        var asked = h.Visits.Asked.Count;
        var writes = h.Client.Writes.Count;

        // Busy pods: every reconcile would see new counts. Twenty reconciles (children, pods, anything) within 9 s.
        for (var i = 0; i < 20; i++)
        {
            h.Visits.Counts["web-0"] = 100 + i;
            h.Visits.Counts["web-1"] = 200 + i;
            h.Clock.Advance(TimeSpan.FromMilliseconds(450));
            var result = await h.ReconcileAsync();
            Assert.True(result.IsSuccess);
        }

        Assert.Equal(asked, h.Visits.Asked.Count);
        Assert.Equal(writes, h.Client.Writes.Count);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await h.ReconcileAsync();

        Assert.Equal(asked + 2, h.Visits.Asked.Count);
        var statusWrite = Assert.Single(h.Client.Writes.Skip(writes));
        Assert.Equal("update-status", statusWrite.Verb);
        Assert.Equal(119 + 219, h.App().Status!.Visits);
        Assert.Equal(TimeSpan.FromSeconds(10), due.RequeueAfter);
    }

    [Fact]
    public async Task The_requeue_points_at_the_next_visits_reading()
    {
        await ConvergeAsync(intervalSeconds: 10);

        h.Clock.Advance(TimeSpan.FromSeconds(4));
        var result = await h.ReconcileAsync();

        Assert.Equal(TimeSpan.FromSeconds(6), result.RequeueAfter);
    }

    [Fact]
    public async Task Readiness_shows_at_once_between_visits_readings()
    {
        await ConvergeAsync(replicas: 2, intervalSeconds: 30);
        var asked = h.Visits.Asked.Count;

        h.Client.Mutate<V1Pod>("web-1", Ns, p => p.Status!.Conditions = [new V1PodCondition { Type = "Ready", Status = "False" }]);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.ReconcileAsync();

        Assert.False(h.App().Status!.Pods!.Single(p => p.Name == "web-1").Ready);
        Assert.Equal(asked, h.Visits.Asked.Count);
    }

    [Fact]
    public async Task Steady_state_sends_no_request_but_the_visits_reads()
    {
        await ConvergeAsync();
        var reads = h.Client.Reads;
        var writes = h.Client.Writes.Count;

        for (var i = 0; i < 5; i++)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(10));
            await h.ReconcileAsync();
        }

        Assert.Equal(reads, h.Client.Reads);
        Assert.Equal(writes, h.Client.Writes.Count);
        Assert.Equal(2 * 6, h.Visits.Asked.Count);
    }

    [Fact]
    public async Task What_a_mutating_webhook_adds_to_the_pod_template_is_left_alone()
    {
        await ConvergeAsync();
        h.Client.MutateJson<V1StatefulSet>("web", Ns, sts =>
        {
            var template = sts["spec"]!["template"]!;
            template["metadata"]!["labels"]!["policy.example.com/injected"] = "true";
            var pod = template["spec"]!.AsObject();
            pod["tolerations"] = JsonNode.Parse("""[{"key":"dedicated","operator":"Exists"}]""");
            pod["imagePullSecrets"] = JsonNode.Parse("""[{"name":"regcred"}]""");
            var containers = pod["containers"]!.AsArray();
            containers[0]!["env"]!.AsArray().Insert(0, JsonNode.Parse("""{"name":"INJECTED","value":"1"}"""));
            containers.Insert(0, JsonNode.Parse("""{"name":"proxy","image":"example.com/proxy:1"}"""));
        });
        var writes = h.Client.Writes.Count;

        for (var i = 0; i < 3; i++)
        {
            await h.ReconcileAsync();
        }

        Assert.Equal(writes, h.Client.Writes.Count);
    }

    [Fact]
    public async Task A_restarted_operator_on_a_converged_app_makes_zero_writes()
    {
        h.Visits.Counts["web-0"] = 5;
        h.Visits.Counts["web-1"] = 6;
        await ConvergeAsync();
        var writes = h.Client.Writes.Count;

        h.Restart();
        await h.ReconcileAsync();
        await h.ReconcileAsync();

        Assert.Equal(writes, h.Client.Writes.Count);
    }
}
