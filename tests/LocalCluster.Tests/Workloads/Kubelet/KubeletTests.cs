using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet;

/// <summary>The kubelet stand-in with the real counter app as the container process.</summary>
public sealed class KubeletTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Bundled_image_runs_as_a_process_on_its_own_loopback_ip_with_its_claim_as_volume_and_gets_ready()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.PersistentVolumeClaims, Manifests.Claim("data-p"));
        await cluster.Store.CreateAsync(ResourceRef.Pods, Manifests.Pod("p", Manifests.CounterContainer(), claim: "data-p"));

        var pod = (await cluster.WaitForReadyPodAsync("p"))!;

        var podIp = pod["status"]!["podIP"]!.GetValue<string>();
        Assert.StartsWith("127.", podIp, StringComparison.Ordinal);
        Assert.NotEqual("127.0.0.1", podIp);
        Assert.Equal("Running", pod["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("local-node", pod["spec"]!["nodeName"]!.GetValue<string>());
        var container = pod["status"]!["containerStatuses"]![0]!;
        Assert.True(container["ready"]!.GetValue<bool>());
        Assert.NotNull(container["state"]!["running"]);

        Assert.StartsWith("<", await Http.GetStringAsync($"http://{podIp}:8080/"), StringComparison.Ordinal);
        await Http.GetStringAsync($"http://{podIp}:8080/");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{podIp}:8080/visits");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Http.SendAsync(request);
        var visits = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("p", visits["pod"]!.GetValue<string>());   // POD_NAME from the downward API
        Assert.Equal(2, visits["visits"]!.GetValue<long>());
        var file = Path.Combine(cluster.DataDirectory, "volumes", "default", "data-p", "visits");
        Assert.Equal("2", File.ReadAllText(file).Trim());           // VISITS_FILE=/data/visits landed on the claim's directory
    }

    [Fact]
    public async Task Crashed_container_is_restarted_with_restartCount_and_keeps_its_count()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.PersistentVolumeClaims, Manifests.Claim("data-c"));
        await cluster.Store.CreateAsync(ResourceRef.Pods, Manifests.Pod("c", Manifests.CounterContainer(), claim: "data-c"));
        var pod = (await cluster.WaitForReadyPodAsync("c"))!;
        var podIp = pod["status"]!["podIP"]!.GetValue<string>();
        await Http.GetStringAsync($"http://{podIp}:8080/");
        var pid = ContainerPid(pod);

        System.Diagnostics.Process.GetProcessById(pid).Kill();

        var restarted = (await cluster.WaitForAsync(ResourceRef.Pods, "default", "c",
            p => RestartCount(p) == 1 && TestCluster.IsReady(p), "the crashed container to be restarted and ready"))!;
        Assert.NotNull(restarted["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]);
        Assert.NotEqual(pid, ContainerPid(restarted));
        Assert.Equal(podIp, restarted["status"]!["podIP"]!.GetValue<string>());
        Assert.Equal("1\n", await Http.GetStringAsync($"http://{podIp}:8080/visits"));
    }

    [Fact]
    public async Task Failing_liveness_probe_restarts_the_container()
    {
        await using var cluster = await TestCluster.StartAsync();
        var liveness = new JsonObject
        {
            ["httpGet"] = new JsonObject { ["path"] = "/no-such-endpoint", ["port"] = "http" },
            ["initialDelaySeconds"] = 1,
            ["periodSeconds"] = 1,
            ["failureThreshold"] = 1,
        };
        await cluster.Store.CreateAsync(ResourceRef.Pods, Manifests.Pod("l", Manifests.CounterContainer(liveness: liveness)));

        var pod = (await cluster.WaitForAsync(ResourceRef.Pods, "default", "l", p => RestartCount(p) >= 1, "a liveness restart"))!;

        var last = pod["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]!;
        Assert.Contains("failed liveness probe", last["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_image_stays_Pending_with_ErrImagePull_saying_only_the_bundled_app_runs()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.Pods, Manifests.Pod("n", Manifests.CounterContainer(image: "nginx:1.27")));

        var pod = (await cluster.WaitForAsync(ResourceRef.Pods, "default", "n",
            // The first status may still say ContainerCreating (written before the runner resolved the image).
            p => p?["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.GetValue<string>() is { } reason && reason != "ContainerCreating",
            "a waiting reason other than ContainerCreating"))!;

        Assert.Equal("Pending", pod["status"]!["phase"]!.GetValue<string>());
        var waiting = pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!;
        Assert.Equal("ErrImagePull", waiting["reason"]!.GetValue<string>());
        Assert.Contains("nginx:1.27", waiting["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("visitcounter/counter-app", waiting["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_pod_stops_its_process_and_the_kubelet_finishes_the_deletion()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.Pods, Manifests.Pod("d", Manifests.CounterContainer()));
        var pod = (await cluster.WaitForReadyPodAsync("d"))!;
        var pid = ContainerPid(pod);

        var terminating = await cluster.Store.DeleteAsync(ResourceRef.Pods, "default", "d");

        Assert.NotNull(terminating);   // graceful: the API server keeps the pod until the kubelet confirms
        await cluster.WaitForAsync(ResourceRef.Pods, "default", "d", p => p is null, "the pod to be removed");
        Assert.False(ProcessAlive(pid));
        var podDirectory = Path.Combine(cluster.DataDirectory, "pods", "default_d_" + pod.Uid());
        Assert.False(Directory.Exists(podDirectory), "the emptyDir and logs of a deleted pod are removed");
    }

    [Fact]
    public async Task Kubectl_logs_route_serves_the_process_output()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.Pods, Manifests.Pod("g", Manifests.CounterContainer()));
        await cluster.WaitForReadyPodAsync("g");

        var log = await Http.GetStringAsync(new Uri(cluster.Host.ApiServer.BaseAddress, "api/v1/namespaces/default/pods/g/log"));

        Assert.Contains("Started pod g", log, StringComparison.Ordinal);   // the counter app's start line
    }

    [Fact]
    public async Task Pods_are_started_again_after_a_restart_of_the_cluster_and_their_counts_survive()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "workloads-tests", Guid.NewGuid().ToString("N"));
        string podIp;
        int firstPid;
        await using (var first = await TestCluster.StartAsync(dataDirectory: dataDirectory))
        {
            await first.Store.CreateAsync(ResourceRef.PersistentVolumeClaims, Manifests.Claim("data-r"));
            await first.Store.CreateAsync(ResourceRef.Pods, Manifests.Pod("r", Manifests.CounterContainer(), claim: "data-r"));
            var running = (await first.WaitForReadyPodAsync("r"))!;
            podIp = running["status"]!["podIP"]!.GetValue<string>();
            firstPid = ContainerPid(running);
            await Http.GetStringAsync($"http://{podIp}:8080/");
            await first.Host.DisposeAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetStringAsync($"http://{podIp}:8080/visits"));

            await using var second = await TestCluster.StartAsync(dataDirectory: dataDirectory);
            var pod = (await second.WaitForAsync(ResourceRef.Pods, "default", "r",
                p => TestCluster.IsReady(p) && ContainerPid(p!) != firstPid, "the pod to run again"))!;
            var again = pod["status"]!["podIP"]!.GetValue<string>();
            Assert.Equal("1\n", await Http.GetStringAsync($"http://{again}:8080/visits"));
        }
    }

    private static int RestartCount(JsonObject? pod) =>
        pod?["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<int>() ?? 0;

    private static int ContainerPid(JsonObject pod)
    {
        var id = pod["status"]?["containerStatuses"]?[0]?["containerID"]?.GetValue<string>() ?? "local://0";
        return int.Parse(id["local://".Length..], CultureInfo.InvariantCulture);
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
