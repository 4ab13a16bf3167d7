using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests;

/// <summary><c>kubectl scale vca</c> through the scale subresource, with the PVC retention policy on scale-down.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ScalingTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task ScaleDown_DeletesClaimsOfRemovedPods_WhenScaledIsDelete()
    {
        var ns = await cluster.NewNamespaceAsync("scale-delete");
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 3, "podManagementPolicy: Parallel\nstorage:\n  whenScaled: Delete\n"));
        await cluster.WaitForReadyAsync(ns, "app", 3);

        await cluster.Kubectl.RunAsync("scale", "vca", "app", "-n", ns, "--replicas=1");
        await cluster.WaitForReadyAsync(ns, "app", 1);
        await Eventually.True("only data-app-0 is left", async () =>
            (await cluster.Kubectl.ListAsync("pvc", ns)).Select(p => p.Str("metadata.name")).SequenceEqual(["data-app-0"]),
            describe: () => cluster.DescribeAsync(ns));
        await Eventually.True("only app-0 runs", async () =>
            (await cluster.Kubectl.ListAsync("pods", ns)).Select(p => p.Str("metadata.name")).SequenceEqual(["app-0"]));
    }

    [Fact]
    public async Task ScaleDownThenUp_KeepsAndReusesClaims_WhenScaledIsRetain()
    {
        var ns = await cluster.NewNamespaceAsync("scale-retain");
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 2, "podManagementPolicy: Parallel\n"));
        await cluster.WaitForReadyAsync(ns, "app", 2);
        await cluster.Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/app-1:8080/proxy/");
        var claim = await cluster.Kubectl.GetJsonAsync("get", "pvc", "data-app-1", "-n", ns);

        await cluster.Kubectl.RunAsync("scale", "vca", "app", "-n", ns, "--replicas=1");
        await cluster.WaitForReadyAsync(ns, "app", 1);
        await Eventually.True("app-1 is gone", async () => await cluster.Kubectl.TryGetJsonAsync("get", "pod", "app-1", "-n", ns) is null);
        Assert.Equal(ClusterAssertions.Uid(claim), ClusterAssertions.Uid(await cluster.Kubectl.GetJsonAsync("get", "pvc", "data-app-1", "-n", ns)));

        await cluster.Kubectl.RunAsync("scale", "vca", "app", "-n", ns, "--replicas=3");
        await cluster.WaitForReadyAsync(ns, "app", 3);
        Assert.Equal(ClusterAssertions.Uid(claim), ClusterAssertions.Uid(await cluster.Kubectl.GetJsonAsync("get", "pvc", "data-app-1", "-n", ns)));
        Assert.Equal(1, await cluster.Kubectl.PodVisitsAsync(ns, "app-1"));
        Assert.Equal(3, (await cluster.Kubectl.ListAsync("pvc", ns)).Count);
    }
}
