using System.Text.Json.Nodes;
using VisitCounter.E2E.Tests.Infrastructure;
using VisitCounter.TestSupport;

namespace VisitCounter.E2E.Tests;

/// <summary>
/// The lab's Helm step with the lab's own chart (examples/charts/app-python, one VisitCounterApp): install, list,
/// upgrade to scale, uninstall, all with the real helm 4 against the local cluster and the operator.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class HelmLabTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Helm_installs_scales_and_uninstalls_the_app_chart_and_claims_follow_whenDeleted()
    {
        var ns = await cluster.NewNamespaceAsync("helm");
        using var helm = new Helm(cluster.KubeconfigPath);

        // Two releases of the chart: the lab's (claims kept on uninstall, the default) and a scratch one whose claims go.
        // Parallel pod management and 2 s visits readings only make the test quicker; every other value is the chart's.
        string[] quick = ["--set", "podManagementPolicy=Parallel", "--set", "visits.intervalSeconds=2"];
        var installed = await helm.RunAsync(ns, ["install", "app-python", HelmTool.AppChart, "--set", "service.type=NodePort", .. quick]);
        await helm.RunAsync(ns, ["install", "app-python-scratch", HelmTool.AppChart, "--set", "storage.whenDeleted=Delete", .. quick]);
        Assert.Contains($"kubectl get vca app-python -n {ns} -w", installed, StringComparison.Ordinal);
        await cluster.WaitForReadyAsync(ns, "app-python", 1);
        await cluster.WaitForReadyAsync(ns, "app-python-scratch", 1);

        // A bad value is refused by the API server's CRD validation, naming the field: no app, a failed release to remove.
        var refused = await helm.TryRunAsync(ns, "install", "app-python-bad", HelmTool.AppChart, "--set", "storage.whenDeleted=Sometimes");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("spec.storage.whenDeleted: Unsupported value: \"Sometimes\"", refused.Stderr, StringComparison.Ordinal);
        Assert.Null(await cluster.Kubectl.TryGetJsonAsync("get", "vca", "app-python-bad", "-n", ns));
        Assert.Equal("failed", JsonNode.Parse(await helm.RunAsync(ns, "list", "-o", "json", "--failed"))!.AsArray().Single().Str("status"));
        await helm.RunAsync(ns, "uninstall", "app-python-bad");

        var releases = JsonNode.Parse(await helm.RunAsync(ns, "list", "-o", "json"))!.AsArray();
        Assert.Equal(["app-python", "app-python-scratch"], releases.Select(r => r.Str("name")).Order());
        Assert.All(releases, r => Assert.Equal("deployed", r.Str("status")));

        // Visits through the Service all land on the one pod.
        var nodePort = (await cluster.Kubectl.GetJsonAsync("get", "service", "app-python", "-n", ns))["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>();
        var first = await Visits.ThroughServiceAsync(nodePort, 5);
        Assert.Equal(5, first.GetValueOrDefault("app-python-0"));
        var pod0 = await cluster.Kubectl.GetJsonAsync("get", "pod", "app-python-0", "-n", ns);

        // The lab's scaling step: only replicas changes, the other values are reused.
        await helm.RunAsync(ns, ["upgrade", "app-python", HelmTool.AppChart, "--reuse-values", "--set", "replicas=3"]);
        await cluster.WaitForReadyAsync(ns, "app-python", 3);
        var upgraded = JsonNode.Parse(await helm.RunAsync(ns, "list", "-o", "json", "--filter", "^app-python$"))!.AsArray().Single();
        Assert.Equal(("deployed", "2"), (upgraded.Str("status"), upgraded.Str("revision")));
        Assert.Equal(ClusterAssertions.Uid(pod0), ClusterAssertions.Uid(await cluster.Kubectl.GetJsonAsync("get", "pod", "app-python-0", "-n", ns)));
        Assert.Equal(5, await cluster.Kubectl.PodVisitsAsync(ns, "app-python-0"));

        var second = await Visits.ThroughServiceAsync(nodePort, 15);
        Assert.True(second.Count >= 2, $"visits should spread over the 3 pods, got {string.Join(", ", second)}");
        await Eventually.True("the status counts every visit made through the Service", async () =>
            (await cluster.Kubectl.GetJsonAsync("get", "vca", "app-python", "-n", ns)).Long("status.visits") == 5 + 15,
            describe: () => cluster.DescribeAsync(ns));

        await helm.RunAsync(ns, "uninstall", "app-python", "app-python-scratch", "--wait");

        Assert.Empty(JsonNode.Parse(await helm.RunAsync(ns, "list", "-o", "json"))!.AsArray());
        Assert.Empty(await cluster.Kubectl.ListAsync("secrets", ns, "owner=helm"));
        await Eventually.True("the apps' StatefulSets, pods and Services are garbage-collected", async () =>
            (await cluster.Kubectl.ListAsync("vca", ns)).Count == 0
            && (await cluster.Kubectl.ListAsync("statefulsets", ns)).Count == 0
            && (await cluster.Kubectl.ListAsync("pods", ns)).Count == 0
            && (await cluster.Kubectl.ListAsync("services", ns)).Count == 0,
            describe: () => cluster.DescribeAsync(ns));
        await Eventually.True("only the claims of the Retain release are left", async () =>
            (await cluster.Kubectl.ListAsync("pvc", ns)).Select(p => p.Str("metadata.name")).Order()
                .SequenceEqual(["data-app-python-0", "data-app-python-1", "data-app-python-2"]),
            describe: () => cluster.DescribeAsync(ns));
    }
}
