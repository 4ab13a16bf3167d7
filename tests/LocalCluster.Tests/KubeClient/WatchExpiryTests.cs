using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;

namespace VisitCounter.LocalCluster.Tests.KubeClient;

/// <summary>410 Gone from a server whose watch window holds only <see cref="SmallWatchWindowFixture.WindowSize"/> changes.</summary>
public sealed class WatchExpiryTests(SmallWatchWindowFixture cluster) : IClassFixture<SmallWatchWindowFixture>
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Watch_from_a_compacted_resourceVersion_throws_GoneException()
    {
        var ns = await cluster.CreateNamespaceAsync("gone");
        var old = (await Client.ListAsync<V1Lease>(ns)).Metadata.ResourceVersion;
        for (var i = 0; i < SmallWatchWindowFixture.WindowSize + 3; i++)
        {
            await Client.CreateAsync(Objects.Lease($"l{i}", ns));
        }

        var error = await Assert.ThrowsAsync<GoneException>(async () =>
        {
            await foreach (var unused in Client.WatchAsync<V1Lease>(ns, new WatchOptions { ResourceVersion = old }))
            {
                Assert.Fail($"No event may be delivered from an expired resourceVersion; got {unused.Type}.");
            }
        });
        Assert.Equal(System.Net.HttpStatusCode.Gone, error.StatusCode);
    }

    [Fact]
    public async Task Informer_relists_after_410_and_its_cache_matches_the_server()
    {
        var ns = await cluster.CreateNamespaceAsync("relist");
        await Client.CreateAsync(Objects.Lease("kept", ns));
        await Client.CreateAsync(Objects.Lease("doomed", ns));
        var droppable = new DroppableWatchClient(Client);
        var handler = new RecordingHandler<V1Lease>();
        await using var running = new RunningInformer<V1Lease>(droppable, ns, handler);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await running.Informer.WaitForCacheSyncAsync(timeout.Token);
        }

        droppable.Disconnect();
        await Client.DeleteAsync<V1Lease>("doomed", ns);
        for (var i = 0; i < SmallWatchWindowFixture.WindowSize + 3; i++)
        {
            await Client.CreateAsync(Objects.Lease($"new-{i}", ns));
        }

        var kept = await Client.GetAsync<V1Lease>("kept", ns);
        Objects.SetCounter(kept!, 7);
        await Client.UpdateAsync(kept!);
        droppable.Reconnect();

        var expected = (await Client.ListAsync<V1Lease>(ns)).Items.Select(l => $"{l.Metadata.Name}@{l.Metadata.ResourceVersion}").Order().ToArray();
        await Eventually.TrueAsync(
            () => running.Informer.List(ns).Select(l => $"{l.Metadata.Name}@{l.Metadata.ResourceVersion}").Order().SequenceEqual(expected),
            "the informer's cache to match the server after relisting");

        Assert.Equal(2, droppable.Lists);
        Assert.Equal(2, running.Metrics.Relists.WithLabels("leases.coordination.k8s.io").Value);
        Assert.Contains("delete doomed", handler.Log);
        Assert.Contains("update kept", handler.Log);
        Assert.Equal(7, Objects.Counter(running.Informer.Get("kept", ns)!));
    }
}
