using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests;

/// <summary>
/// The lab's kubectl steps inside pods, with the real kubectl against the local cluster: exec (the count file on
/// the pod's volume, stdin, exit codes), names resolving inside a pod, port-forward to a pod and to the Service,
/// and a recreated pod finding its /data again.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LabKubectlTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Exec_cat_of_each_pods_visits_file_matches_its_count_and_the_sum_of_service_visits()
    {
        var ns = await cluster.NewNamespaceAsync("labexec");
        await cluster.Kubectl.ApplyAsync(Manifests.App("web", ns, 3, "service:\n  type: NodePort\n"));
        await cluster.WaitForReadyAsync(ns, "web", 3);
        var nodePort = (await cluster.Kubectl.GetJsonAsync("get", "service", "web", "-n", ns))["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>();

        const int serviceVisits = 24;
        var served = await Visits.ThroughServiceAsync(nodePort, serviceVisits);
        var extra = await Visits.MakeCountsDistinctAsync(cluster.Kubectl, ns, "web", 3, served);

        var fromFiles = new Dictionary<string, long>();
        for (var ordinal = 0; ordinal < 3; ordinal++)
        {
            var pod = $"web-{ordinal}";
            fromFiles[pod] = await VisitsFileAsync(ns, pod);
            Assert.Equal(await cluster.Kubectl.PodVisitsAsync(ns, pod), fromFiles[pod]);
        }

        Assert.Equal(3, fromFiles.Values.Distinct().Count());
        Assert.Equal(serviceVisits + extra, fromFiles.Values.Sum());

        // A pod deleted and recreated by the StatefulSet mounts the same claim at /data and sees the same file.
        var before = await cluster.Kubectl.GetJsonAsync("get", "pod", "web-1", "-n", ns);
        await cluster.Kubectl.RunAsync("delete", "pod", "web-1", "-n", ns);
        await cluster.ReadyPodAsync(ns, "web-1", p => ClusterAssertions.Uid(p) != ClusterAssertions.Uid(before));
        Assert.Equal(fromFiles["web-1"], await VisitsFileAsync(ns, "web-1"));
    }

    [Fact]
    public async Task Exec_passes_stdin_and_exit_codes_and_resolves_pod_names_inside_the_pod()
    {
        var ns = await cluster.NewNamespaceAsync("labnames");
        await cluster.Kubectl.ApplyAsync(Manifests.App("names", ns, 2));
        await cluster.WaitForReadyAsync(ns, "names", 2);

        var echoed = await cluster.Kubectl.TryRunWithInputAsync("line one\nline two\n", "exec", "-i", "pod/names-0", "-n", ns, "--", "cat");
        Assert.Equal(0, echoed.ExitCode);
        Assert.Equal("line one\nline two\n", echoed.Stdout);

        var failed = await cluster.Kubectl.TryRunAsync("exec", "pod/names-0", "-n", ns, "--", "sh", "-c", "echo to-stderr >&2; exit 3");
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("to-stderr", failed.Stderr, StringComparison.Ordinal);

        // The pod's environment is the spec's, with the volume at its mountPath.
        var env = await cluster.Kubectl.RunAsync("exec", "pod/names-0", "-n", ns, "--", "sh", "-c", "echo $VISITS_FILE; hostname; test -d /data && echo has-data");
        Assert.Equal(["/data/visits", "names-0", "has-data"], env.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var pod1 = await cluster.Kubectl.GetJsonAsync("get", "pod", "names-1", "-n", ns);
        var pod1Ip = pod1.Str("status.podIP");
        foreach (var name in new[] { "names-1.names-headless", $"names-1.names-headless.{ns}.svc.cluster.local" })
        {
            var hosts = await cluster.Kubectl.RunAsync("exec", "pod/names-0", "-n", ns, "--", "getent", "hosts", name);
            Assert.Equal(pod1Ip, hosts.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0]);
        }

        // The client Service resolves to ready pods' addresses, and answers there.
        var visits = await cluster.Kubectl.RunAsync("exec", "pod/names-0", "-n", ns, "--", "sh", "-c",
            "curl -s http://names-1.names-headless:8080/visits || wget -qO- http://names-1.names-headless:8080/visits");
        Assert.Equal((await cluster.Kubectl.PodVisitsAsync(ns, "names-1")).ToString(CultureInfo.InvariantCulture), visits.Trim());
    }

    [Fact]
    public async Task Port_forward_to_a_pod_and_to_the_service_answers_visits()
    {
        var ns = await cluster.NewNamespaceAsync("labpf");
        await cluster.Kubectl.ApplyAsync(Manifests.App("pf", ns, 2));
        await cluster.WaitForReadyAsync(ns, "pf", 2);
        var servicePort = (await cluster.Kubectl.GetJsonAsync("get", "service", "pf", "-n", ns))["spec"]!["ports"]![0]!["port"]!.GetValue<int>();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await using (var toPod = await cluster.Kubectl.PortForwardAsync(ns, "pod/pf-0", 8080))
        {
            await http.GetStringAsync($"http://127.0.0.1:{toPod.LocalPort}/");
            var visits = await http.GetStringAsync($"http://127.0.0.1:{toPod.LocalPort}/visits");
            Assert.Equal(await cluster.Kubectl.PodVisitsAsync(ns, "pf-0"), long.Parse(visits.Trim(), CultureInfo.InvariantCulture));
            Assert.True(long.Parse(visits.Trim(), CultureInfo.InvariantCulture) >= 1);
        }

        await using (var toService = await cluster.Kubectl.PortForwardAsync(ns, "service/pf", servicePort))
        {
            var visits = await http.GetStringAsync($"http://127.0.0.1:{toService.LocalPort}/visits");
            Assert.True(long.TryParse(visits.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _), $"/visits through the Service answered {visits}");
        }
    }

    /// <summary>The lab's check: <c>kubectl exec pod/NAME -- cat /data/visits</c>, a plain decimal.</summary>
    private async Task<long> VisitsFileAsync(string ns, string pod)
    {
        var text = await cluster.Kubectl.RunAsync("exec", $"pod/{pod}", "-n", ns, "--", "cat", "/data/visits");
        return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}
