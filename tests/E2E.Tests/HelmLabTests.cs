using System.Text.Json.Nodes;
using VisitCounter.E2E.Tests.Infrastructure;
using VisitCounter.TestSupport;

namespace VisitCounter.E2E.Tests;

/// <summary>
/// The lab's Helm step with the lab's own chart (examples/charts/app-python, one VisitCounterApp): install and upgrade
/// with <c>--wait</c> (helm's kstatus waiter reads the app's Reconciling/Stalled conditions), list, uninstall, all with
/// the real helm 4 against the local cluster and the operator.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class HelmLabTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Helm_install_and_upgrade_wait_until_the_app_is_Ready_a_Stalled_app_fails_the_wait_and_claims_follow_whenDeleted()
    {
        var ns = await cluster.NewNamespaceAsync("helm");
        using var helm = new Helm(cluster.KubeconfigPath);

        // Two releases of the chart: the lab's (claims kept on uninstall, the default) and a scratch one whose claims go.
        // Parallel pod management and 2 s visits readings only make the test quicker; every other value is the chart's.
        // --wait: helm's kstatus waiter holds until the operator reports the app current (observedGeneration, then
        // Reconciling and Stalled False), so each app is Ready the moment helm returns, with no polling here.
        string[] quick = ["--set", "podManagementPolicy=Parallel", "--set", "visits.intervalSeconds=2"];
        string[] wait = ["--wait", "--timeout", "120s"];
        var installs = await Task.WhenAll(
            helm.RunAsync(ns, ["install", "app-python", HelmTool.AppChart, "--set", "service.type=NodePort", .. quick, .. wait]),
            helm.RunAsync(ns, ["install", "app-python-scratch", HelmTool.AppChart, "--set", "storage.whenDeleted=Delete", .. quick, .. wait]));
        Assert.Contains($"kubectl get vca app-python -n {ns} -w", installs[0], StringComparison.Ordinal);
        await AssertReadyNowAsync(ns, "app-python", 1);
        await AssertReadyNowAsync(ns, "app-python-scratch", 1);
        var described = await cluster.Kubectl.RunAsync("describe", "vca", "app-python", "-n", ns);
        Assert.Matches(@"Type:\s+Reconciling", described);
        Assert.Matches(@"Type:\s+Stalled", described);

        // A bad value is refused by the API server's CRD validation, naming the field: no app, a failed release to remove.
        var refused = await helm.TryRunAsync(ns, "install", "app-python-bad", HelmTool.AppChart, "--set", "storage.whenDeleted=Sometimes");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("spec.storage.whenDeleted: Unsupported value: \"Sometimes\"", refused.Stderr, StringComparison.Ordinal);
        Assert.Null(await cluster.Kubectl.TryGetJsonAsync("get", "vca", "app-python-bad", "-n", ns));
        Assert.Equal("failed", JsonNode.Parse(await helm.RunAsync(ns, "list", "-o", "json", "--failed"))!.AsArray().Single().Str("status"));
        await helm.RunAsync(ns, "uninstall", "app-python-bad");

        // A spec the schema accepts but the operator refuses (requests above limits): the app is Stalled, which kstatus
        // reads as Failed, so --wait gives up with the operator's message instead of waiting out its timeout.
        var stalled = await helm.TryRunAsync(ns, ["install", "app-python-stalled", HelmTool.AppChart, "--set", "resources.requests.cpu=2", "--set", "resources.limits.cpu=1", .. wait]);
        Assert.NotEqual(0, stalled.ExitCode);
        Assert.Contains("status: Failed", stalled.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.resources.requests.cpu", stalled.Stderr, StringComparison.Ordinal);
        await helm.RunAsync(ns, "uninstall", "app-python-stalled");

        var releases = JsonNode.Parse(await helm.RunAsync(ns, "list", "-o", "json"))!.AsArray();
        Assert.Equal(["app-python", "app-python-scratch"], releases.Select(r => r.Str("name")).Order());
        Assert.All(releases, r => Assert.Equal("deployed", r.Str("status")));

        // Visits through the Service all land on the one pod.
        var nodePort = (await cluster.Kubectl.GetJsonAsync("get", "service", "app-python", "-n", ns))["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>();
        var first = await Visits.ThroughServiceAsync(nodePort, 5);
        Assert.Equal(5, first.GetValueOrDefault("app-python-0"));
        var pod0 = await cluster.Kubectl.GetJsonAsync("get", "pod", "app-python-0", "-n", ns);

        // The lab's scaling step: only replicas changes, the other values are reused.
        await helm.RunAsync(ns, ["upgrade", "app-python", HelmTool.AppChart, "--reuse-values", "--set", "replicas=3", .. wait]);
        await AssertReadyNowAsync(ns, "app-python", 3);
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

    /// <summary>The app is Ready as read once, now: what kstatus judged current is what the user sees.</summary>
    private async Task AssertReadyNowAsync(string ns, string name, int replicas)
    {
        var app = await cluster.Kubectl.GetJsonAsync("get", "vca", name, "-n", ns);
        var conditions = app["status"]!["conditions"]!.AsArray().ToDictionary(c => c.Str("type")!, c => c.Str("status"));
        Assert.Equal(
            ("Ready", (long)replicas, app.Long("metadata.generation"), "True", "False", "False"),
            (app.Str("status.phase"), app.Long("status.readyReplicas"), app.Long("status.observedGeneration"),
                conditions["Ready"], conditions["Reconciling"], conditions["Stalled"]));
    }
}
