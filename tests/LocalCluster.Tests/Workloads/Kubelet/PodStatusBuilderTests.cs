using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Kubelet;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet;

public sealed class PodStatusBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonObject Pod = Manifests.Pod("p", Manifests.CounterContainer());

    private static ContainerRuntimeStatus Container(ContainerState state, bool ready = false, TerminatedState? last = null) =>
        new("counter", Manifests.CounterImage, state, last, ready, state is RunningState, last is null ? 0 : 1, null);

    private static JsonObject Build(params ContainerRuntimeStatus[] containers) =>
        PodStatusBuilder.Build(Pod, new PodRuntimeStatus("127.0.0.2", "127.0.0.1", Now, containers), Now);

    private static string? Condition(JsonObject status, string type) =>
        status["conditions"]!.AsArray().First(c => c!["type"]!.GetValue<string>() == type)!["status"]!.GetValue<string>();

    [Fact]
    public void Container_not_started_yet_makes_the_pod_Pending_and_not_ready()
    {
        var status = Build(Container(new WaitingState("ErrImagePull", "no")));

        Assert.Equal("Pending", status["phase"]!.GetValue<string>());
        Assert.Equal("False", Condition(status, "Ready"));
        Assert.Equal("containers with unready status: [counter]", status["conditions"]![2]!["message"]!.GetValue<string>());
    }

    [Fact]
    public void Running_ready_container_makes_the_pod_Running_and_Ready_with_its_ip()
    {
        var status = Build(Container(new RunningState(Now), ready: true));

        Assert.Equal("Running", status["phase"]!.GetValue<string>());
        Assert.Equal("True", Condition(status, "Ready"));
        Assert.Equal("True", Condition(status, "ContainersReady"));
        Assert.Equal("127.0.0.2", status["podIP"]!.GetValue<string>());
        Assert.Equal("BestEffort", status["qosClass"]!.GetValue<string>());
    }

    [Fact]
    public void Container_in_back_off_after_a_crash_keeps_the_pod_Running()
    {
        var crash = new TerminatedState(1, "Error", null, Now, Now, "local://1");

        var status = Build(Container(new WaitingState("CrashLoopBackOff", "back-off"), last: crash));

        Assert.Equal("Running", status["phase"]!.GetValue<string>());
        Assert.Equal(1, status["containerStatuses"]![0]!["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>());
    }

    [Fact]
    public void Unchanged_condition_keeps_its_lastTransitionTime()
    {
        var pod = (JsonObject)Pod.DeepClone();
        pod["status"] = PodStatusBuilder.Build(pod, new PodRuntimeStatus("127.0.0.2", "127.0.0.1", Now, [Container(new RunningState(Now), ready: true)]), Now);

        var later = PodStatusBuilder.Build(pod, new PodRuntimeStatus("127.0.0.2", "127.0.0.1", Now, [Container(new RunningState(Now), ready: true)]), Now.AddMinutes(5));

        Assert.True(JsonNode.DeepEquals(pod["status"], later));
    }

    [Fact]
    public void RestartPolicy_Never_with_a_failed_container_makes_the_pod_Failed()
    {
        var pod = (JsonObject)Pod.DeepClone();
        pod["spec"]!["restartPolicy"] = "Never";

        var phase = PodStatusBuilder.Phase(pod, [Container(new TerminatedState(2, "Error", null, Now, Now, "local://1"))]);

        Assert.Equal("Failed", phase);
    }
}
