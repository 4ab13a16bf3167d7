using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests;

/// <summary>
/// A rolling update stuck on a broken pod (kubernetes#67250): a 3-replica OrderedReady app gets an image that cannot
/// be pulled (local runs only the bundled app, so app-2 stays in ErrImagePull), then its template is fixed. The
/// StatefulSet controller waits for app-2 forever; with spec.rolloutRecovery the operator deletes it once.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class RolloutRecoveryTests(LocalClusterFixture cluster)
{
    private const string BrokenImage = "registry.invalid/counter-app:broken";

    /// <summary>Long enough for the ErrImagePull pod to pass the operator's minimum stuck timer (30 s) plus a reconcile.</summary>
    private static readonly TimeSpan StuckTimeout = TimeSpan.FromSeconds(150);

    private static string Spec(bool recovery, string image) =>
        $"podManagementPolicy: OrderedReady\nrolloutRecovery:\n  enabled: {(recovery ? "true" : "false")}\n  stuckAfterSeconds: 30\nimage: {image}\n";

    /// <summary>Creates the app, counts a few visits on every pod, breaks the template, waits for ErrImagePull, fixes it.</summary>
    private async Task<(string Ns, Dictionary<string, long> Visits, string BrokenUid)> BreakThenFixAsync(string prefix, bool recovery)
    {
        var ns = await cluster.NewNamespaceAsync(prefix);
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 3, Spec(recovery, Manifests.Image)));
        await cluster.WaitForReadyAsync(ns, "app", 3);
        var visits = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var ordinal = 0; ordinal < 3; ordinal++)
        {
            var pod = $"app-{ordinal}";
            for (var i = 0; i <= ordinal; i++)
            {
                await cluster.Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/{pod}:8080/proxy/");
            }

            visits[pod] = await cluster.Kubectl.PodVisitsAsync(ns, pod);
        }

        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 3, Spec(recovery, BrokenImage)));
        var broken = await Eventually.Until("app-2 fails to pull the broken image", async () =>
        {
            var pod = await cluster.Kubectl.TryGetJsonAsync("get", "pod", "app-2", "-n", ns);
            return ClusterAssertions.Image(pod) == BrokenImage && pod?["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.GetValue<string>() == "ErrImagePull" ? pod : null;
        }, describe: () => cluster.DescribeAsync(ns));

        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 3, Spec(recovery, Manifests.NextImage)));
        return (ns, visits, ClusterAssertions.Uid(broken)!);
    }

    private async Task<IReadOnlyList<string>> RecoveryEventsAsync(string ns)
    {
        var events = await cluster.Kubectl.ListAsync("events", ns);
        return events.Where(e => e.Str("reason") == "RolloutRecovery" && e.Str("involvedObject.kind") == "VisitCounterApp")
            .Select(e => e.Str("message")!)
            .ToList();
    }

    [Fact]
    public async Task Without_recovery_the_rollout_stays_stuck_and_says_what_to_do()
    {
        var (ns, _, brokenUid) = await BreakThenFixAsync("stuck", recovery: false);

        var app = await Eventually.Until("the app reports RolloutStuck", async () =>
        {
            var vca = await cluster.Kubectl.GetJsonAsync("get", "vca", "app", "-n", ns);
            var progressing = (vca["status"]?["conditions"]?.AsArray() ?? []).FirstOrDefault(c => c.Str("type") == "Progressing");
            return progressing.Str("reason") == "RolloutStuck" && progressing.Str("status") == "False" ? progressing : null;
        }, StuckTimeout, () => cluster.DescribeAsync(ns));

        Assert.Contains("kubectl delete pod app-2", app.Str("message"), StringComparison.Ordinal);
        Assert.Contains("spec.rolloutRecovery.enabled: true", app.Str("message"), StringComparison.Ordinal);
        var pod = await cluster.Kubectl.GetJsonAsync("get", "pod", "app-2", "-n", ns);
        Assert.Equal((brokenUid, BrokenImage), (ClusterAssertions.Uid(pod), ClusterAssertions.Image(pod)));
        Assert.Empty(await RecoveryEventsAsync(ns));

        // The documented manual fix completes the rollout.
        await cluster.Kubectl.RunAsync("delete", "pod", "app-2", "-n", ns, "--wait=false");
        await cluster.ReadyPodAsync(ns, "app-2", p => ClusterAssertions.Image(p) == Manifests.NextImage);
    }

    [Fact]
    public async Task With_recovery_the_rollout_completes_with_one_deletion_and_every_count_kept()
    {
        var (ns, visits, brokenUid) = await BreakThenFixAsync("recover", recovery: true);

        await Eventually.True("the rollout completes on the fixed image", async () =>
        {
            var sts = await cluster.Kubectl.GetJsonAsync("get", "statefulset", "app", "-n", ns);
            var pods = await cluster.Kubectl.ListAsync("pods", ns);
            return pods.Count == 3 && pods.All(p => ClusterAssertions.IsReady(p) && ClusterAssertions.Image(p) == Manifests.NextImage)
                && sts.Str("status.updateRevision") == sts.Str("status.currentRevision");
        }, StuckTimeout, () => cluster.DescribeAsync(ns));

        var recovered = Assert.Single(await RecoveryEventsAsync(ns));
        Assert.Contains("Deleted pod app-2", recovered, StringComparison.Ordinal);
        Assert.Contains("ErrImagePull", recovered, StringComparison.Ordinal);
        var vca = await cluster.Kubectl.GetJsonAsync("get", "vca", "app", "-n", ns);
        Assert.EndsWith(":app-2", vca["metadata"]!["annotations"]!["visitcounter.io/rollout-recovery"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(brokenUid, ClusterAssertions.Uid(await cluster.Kubectl.GetJsonAsync("get", "pod", "app-2", "-n", ns)));
        foreach (var (pod, before) in visits)
        {
            Assert.True(await cluster.Kubectl.PodVisitsAsync(ns, pod) >= before, $"{pod} lost visits");
        }
    }
}
