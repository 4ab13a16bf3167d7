using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests;

/// <summary>Drift repair, deletion with garbage collection, and an operator killed mid-way.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LifecycleTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task HandEditedOrDeletedChildren_AreRestored()
    {
        var ns = await cluster.NewNamespaceAsync("drift");
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 1));
        await cluster.WaitForReadyAsync(ns, "app", 1);
        var service = await cluster.Kubectl.GetJsonAsync("get", "service", "app", "-n", ns);

        await cluster.Kubectl.RunAsync("delete", "service", "app", "-n", ns);
        await Eventually.True("the client Service is re-created", async () =>
        {
            var current = await cluster.Kubectl.TryGetJsonAsync("get", "service", "app", "-n", ns);
            return current is not null && ClusterAssertions.Uid(current) != ClusterAssertions.Uid(service);
        }, describe: () => cluster.DescribeAsync(ns));

        await cluster.Kubectl.RunAsync("patch", "statefulset", "app", "-n", ns, "--type=merge", "-p", """{"spec":{"minReadySeconds":9}}""");
        await Eventually.True("the StatefulSet edit is reverted", async () =>
            (await cluster.Kubectl.GetJsonAsync("get", "statefulset", "app", "-n", ns)).Long("spec.minReadySeconds") == 0,
            describe: () => cluster.DescribeAsync(ns));

        await cluster.Kubectl.RunAsync("delete", "statefulset", "app", "-n", ns);
        await cluster.WaitForReadyAsync(ns, "app", 1);
        Assert.NotNull(await cluster.Kubectl.TryGetJsonAsync("get", "statefulset", "app", "-n", ns));
    }

    [Fact]
    public async Task DeletingTheApp_CollectsChildren_AndKeepsOrDeletesClaimsPerPolicy()
    {
        var ns = await cluster.NewNamespaceAsync("delete");
        await cluster.Kubectl.ApplyAsync(Manifests.App("keep", ns, 1));
        await cluster.Kubectl.ApplyAsync(Manifests.App("drop", ns, 1, "storage:\n  whenDeleted: Delete\n"));
        await cluster.WaitForReadyAsync(ns, "keep", 1);
        await cluster.WaitForReadyAsync(ns, "drop", 1);

        await cluster.Kubectl.RunAsync("delete", "vca", "keep", "drop", "-n", ns, "--wait=true");

        await Eventually.True("StatefulSets, Services and pods are garbage-collected", async () =>
            (await cluster.Kubectl.ListAsync("statefulsets", ns)).Count == 0
            && (await cluster.Kubectl.ListAsync("services", ns)).Count == 0
            && (await cluster.Kubectl.ListAsync("pods", ns)).Count == 0,
            describe: () => cluster.DescribeAsync(ns));
        await Eventually.True("only the Retain claim is left", async () =>
            (await cluster.Kubectl.ListAsync("pvc", ns)).Select(p => p.Str("metadata.name")).SequenceEqual(["data-keep-0"]),
            describe: () => cluster.DescribeAsync(ns));
    }

    [Fact]
    public async Task OperatorKilledMidway_ConvergesAfterRestart_WithoutDuplicates()
    {
        var ns = await cluster.NewNamespaceAsync("crash");
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 3, "podManagementPolicy: Parallel\n"));
        await Eventually.True("the operator started on the app", async () =>
            await cluster.Kubectl.TryGetJsonAsync("get", "statefulset", "app", "-n", ns) is not null);

        await cluster.RestartOperatorAsync(kill: true);
        await cluster.Kubectl.RunAsync("scale", "vca", "app", "-n", ns, "--replicas=2");
        await cluster.WaitForReadyAsync(ns, "app", 2);

        Assert.Single(await cluster.Kubectl.ListAsync("statefulsets", ns));
        Assert.Equal(["app", "app-headless"], (await cluster.Kubectl.ListAsync("services", ns)).Select(s => s.Str("metadata.name")).Order());
        Assert.Equal(["app-0", "app-1"], (await cluster.Kubectl.ListAsync("pods", ns)).Select(s => s.Str("metadata.name")).Order());
        var app = await cluster.Kubectl.GetJsonAsync("get", "vca", "app", "-n", ns);
        Assert.Equal(app.Long("metadata.generation"), app.Long("status.observedGeneration"));
    }
}
