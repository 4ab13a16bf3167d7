using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests;

/// <summary>Image changes under <c>RollingUpdate</c> with a partition, and under <c>OnDelete</c>.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class UpdateStrategyTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task RollingUpdateWithPartition2_UpdatesOnlyOrdinalsFrom2()
    {
        var ns = await cluster.NewNamespaceAsync("partition");
        const string strategy = "podManagementPolicy: Parallel\nupdateStrategy:\n  type: RollingUpdate\n  partition: 2\n";
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 3, strategy + $"image: {Manifests.Image}\n"));
        await cluster.WaitForReadyAsync(ns, "app", 3);
        var before = (await cluster.Kubectl.ListAsync("pods", ns)).ToDictionary(p => p.Str("metadata.name")!, ClusterAssertions.Uid);

        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 3, strategy + $"image: {Manifests.NextImage}\n"));
        await cluster.ReadyPodAsync(ns, "app-2", p => ClusterAssertions.Image(p) == Manifests.NextImage);
        await Eventually.True("the StatefulSet reports one updated replica", async () =>
        {
            var sts = await cluster.Kubectl.GetJsonAsync("get", "statefulset", "app", "-n", ns);
            return sts.Long("status.updatedReplicas") == 1 && sts.Long("status.readyReplicas") == 3
                && sts.Long("status.observedGeneration") == sts.Long("metadata.generation");
        }, describe: () => cluster.DescribeAsync(ns));

        foreach (var name in new[] { "app-0", "app-1" })
        {
            var pod = await cluster.Kubectl.GetJsonAsync("get", "pod", name, "-n", ns);
            Assert.Equal(Manifests.Image, ClusterAssertions.Image(pod));
            Assert.Equal(before[name], ClusterAssertions.Uid(pod));
        }
    }

    [Fact]
    public async Task OnDelete_UpdatesAPodOnlyWhenItIsDeleted()
    {
        var ns = await cluster.NewNamespaceAsync("ondelete");
        const string strategy = "podManagementPolicy: Parallel\nupdateStrategy:\n  type: OnDelete\n";
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 2, strategy + $"image: {Manifests.Image}\n"));
        await cluster.WaitForReadyAsync(ns, "app", 2);
        var before = (await cluster.Kubectl.ListAsync("pods", ns)).ToDictionary(p => p.Str("metadata.name")!, ClusterAssertions.Uid);

        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 2, strategy + $"image: {Manifests.NextImage}\n"));
        await Eventually.True("the StatefulSet has a new update revision", async () =>
        {
            var sts = await cluster.Kubectl.GetJsonAsync("get", "statefulset", "app", "-n", ns);
            return ClusterAssertions.Image(sts["spec"]!["template"]) == Manifests.NextImage
                && sts.Long("status.observedGeneration") == sts.Long("metadata.generation")
                && sts.Str("status.updateRevision") != sts.Str("status.currentRevision");
        }, describe: () => cluster.DescribeAsync(ns));

        foreach (var pod in await cluster.Kubectl.ListAsync("pods", ns))
        {
            Assert.Equal(Manifests.Image, ClusterAssertions.Image(pod));
            Assert.Equal(before[pod.Str("metadata.name")!], ClusterAssertions.Uid(pod));
        }

        await cluster.Kubectl.RunAsync("delete", "pod", "app-1", "-n", ns);
        await cluster.ReadyPodAsync(ns, "app-1", p => ClusterAssertions.Image(p) == Manifests.NextImage);
        var untouched = await cluster.Kubectl.GetJsonAsync("get", "pod", "app-0", "-n", ns);
        Assert.Equal(Manifests.Image, ClusterAssertions.Image(untouched));
        Assert.Equal(before["app-0"], ClusterAssertions.Uid(untouched));
    }
}
