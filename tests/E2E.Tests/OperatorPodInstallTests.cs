using System.Diagnostics;
using System.Text.Json.Nodes;
using VisitCounter.E2E.Tests.Infrastructure;
using VisitCounter.TestSupport;
using Xunit.Abstractions;

namespace VisitCounter.E2E.Tests;

/// <summary>
/// The operator installed the way users install it, into a local cluster without the host's operator: its
/// Deployment's pod runs the real operator binary under its own service account and the RBAC of config/rbac (or the
/// chart), finds the API server through its in-cluster configuration, and serves an app, with no request denied.
/// </summary>
public sealed class OperatorPodInstallTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kustomize_install_runs_the_operator_as_a_pod_that_serves_an_app_without_a_denied_request()
    {
        await using var cluster = await OperatorPodCluster.StartAsync();
        var watch = Stopwatch.StartNew();

        await cluster.Kubectl.RunAsync("apply", "-k", Path.Combine(RepoPaths.Root, "config", "default"));
        var rollout = await cluster.WaitForOperatorRolloutAsync();
        output.WriteLine($"kubectl apply -k to rollout complete: {watch.Elapsed.TotalSeconds:F1} s (rollout status {rollout.TotalSeconds:F1} s)");

        await AssertOperatorPodIsInClusterAsync(cluster);
        await AssertAppConvergesAsync(cluster, "kustomize");
        output.WriteLine($"apply to app with visits: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(cluster.OperatorDenials);
    }

    [Fact]
    public async Task Helm_install_of_the_chart_runs_the_operator_as_a_pod_that_serves_an_app_and_is_listed()
    {
        await using var cluster = await OperatorPodCluster.StartAsync();
        string[] kube = ["--kubeconfig", cluster.KubeconfigPath, "--namespace", OperatorPodCluster.OperatorNamespace];
        var watch = Stopwatch.StartNew();

        await HelmTool.SucceedAsync(cluster.HelmHome, ["install", "visitcounter-operator", Path.Combine(RepoPaths.Root, "charts", "visitcounter-operator"),
            "--create-namespace", .. kube]);
        var rollout = await cluster.WaitForOperatorRolloutAsync();
        output.WriteLine($"helm install to rollout complete: {watch.Elapsed.TotalSeconds:F1} s (rollout status {rollout.TotalSeconds:F1} s)");

        await AssertOperatorPodIsInClusterAsync(cluster);
        await AssertAppConvergesAsync(cluster, "helm");
        output.WriteLine($"install to app with visits: {watch.Elapsed.TotalSeconds:F1} s");
        var releases = JsonNode.Parse(await HelmTool.SucceedAsync(cluster.HelmHome, ["list", "-o", "json", .. kube]))!.AsArray();
        var release = Assert.Single(releases);
        Assert.Equal("visitcounter-operator", release.Str("name"));
        Assert.Equal("deployed", release.Str("status"));
        Assert.Empty(cluster.OperatorDenials);
    }

    /// <summary>The pod got what a real cluster gives it: the projected service account volume and the API server's address.</summary>
    private static async Task AssertOperatorPodIsInClusterAsync(OperatorPodCluster cluster)
    {
        var pods = await cluster.Kubectl.ListAsync("pods", OperatorPodCluster.OperatorNamespace);
        var pod = Assert.Single(pods);
        Assert.True(ClusterAssertions.IsReady(pod), await cluster.DescribeOperatorAsync());
        Assert.Equal("visitcounter-operator", pod.Str("spec.serviceAccountName"));
        var volume = Assert.Single(pod["spec"]!["volumes"]!.AsArray(), v => v.Str("name")!.StartsWith("kube-api-access-", StringComparison.Ordinal));
        Assert.Contains(pod["spec"]!["containers"]![0]!["volumeMounts"]!.AsArray(), m =>
            m.Str("name") == volume.Str("name") && m.Str("mountPath") == "/var/run/secrets/kubernetes.io/serviceaccount");

        // The operator reports where it connected (the in-cluster address, not a kubeconfig) and that it leads.
        var log = await cluster.Kubectl.RunAsync("logs", $"pod/{pod.Str("metadata.name")}", "-n", OperatorPodCluster.OperatorNamespace);
        Assert.Contains("https://127.0.0.1:", log, StringComparison.Ordinal);
        var lease = await cluster.Kubectl.GetJsonAsync("get", "lease", "visitcounter-operator-leader", "-n", OperatorPodCluster.OperatorNamespace);
        Assert.Equal(pod.Str("metadata.name"), lease.Str("spec.holderIdentity")?.Split('_')[0]);
    }

    private static async Task AssertAppConvergesAsync(OperatorPodCluster cluster, string ns)
    {
        await cluster.Kubectl.RunAsync("create", "namespace", ns);
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 1));
        await Eventually.True($"vca {ns}/app is Ready with visits in its status", async () =>
        {
            var app = await cluster.Kubectl.GetJsonAsync("get", "vca", "app", "-n", ns);
            return app.Str("status.phase") == "Ready" && app.Str("status.visits") is not null;
        }, describe: async () => await cluster.DescribeOperatorAsync() + (await cluster.Kubectl.TryRunAsync("get", "vca,sts,pods", "-n", ns, "-o", "yaml")).Stdout);
    }
}
