using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;

namespace VisitCounter.LocalCluster.Tests.KubeClient;

/// <summary>The runtime's <c>Informer</c> against the real server: sync, live changes, resume after a dropped stream.</summary>
public sealed class InformerTests(ApiServerFixture cluster) : IClassFixture<ApiServerFixture>
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Informer_syncs_existing_objects_over_pages_then_receives_changes_in_order()
    {
        var ns = await cluster.CreateNamespaceAsync("informer");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Client.CreateAsync(Objects.Lease(name, ns));
        }

        var handler = new RecordingHandler<V1Lease>();
        await using var running = new RunningInformer<V1Lease>(Client, ns, handler);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await running.Informer.WaitForCacheSyncAsync(timeout.Token);
        }

        Assert.Equal(["a", "b", "c"], running.Informer.List().Select(l => l.Metadata.Name));

        var b = running.Informer.Get("b", ns)!;
        var changed = await Client.GetAsync<V1Lease>("b", ns);
        Objects.SetCounter(changed!, 5);
        await Client.UpdateAsync(changed!);
        await Client.DeleteAsync<V1Lease>("a", ns);
        await Client.CreateAsync(Objects.Lease("d", ns));

        await Eventually.TrueAsync(() => handler.Log.Count >= 6, "the informer to deliver three changes");
        Assert.Equal(["add a", "add b", "add c", "update b", "delete a", "add d"], handler.Log);
        Assert.Equal(5, Objects.Counter(running.Informer.Get("b", ns)!));
        Assert.Equal(0, Objects.Counter(b));
        Assert.Null(running.Informer.Get("a", ns));
        Assert.Equal(1, running.Metrics.Relists.WithLabels("leases.coordination.k8s.io").Value);
    }

    [Fact]
    public async Task Informer_resumes_from_its_last_resourceVersion_after_the_stream_drops_without_relisting()
    {
        var ns = await cluster.CreateNamespaceAsync("informer-drop");
        var droppable = new DroppableWatchClient(Client);
        var handler = new RecordingHandler<V1Lease>();
        await using var running = new RunningInformer<V1Lease>(droppable, ns, handler);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await running.Informer.WaitForCacheSyncAsync(timeout.Token);
        }

        await Client.CreateAsync(Objects.Lease("seen", ns));
        await Eventually.TrueAsync(() => running.Informer.Get("seen", ns) is not null, "the first object to arrive");
        var lastSeen = running.Informer.LastSyncResourceVersion;

        droppable.Disconnect();
        await Client.CreateAsync(Objects.Lease("missed", ns));
        await Client.DeleteAsync<V1Lease>("seen", ns);
        droppable.Reconnect();

        await Eventually.TrueAsync(
            () => running.Informer.Get("missed", ns) is not null && running.Informer.Get("seen", ns) is null,
            "the changes made while disconnected to arrive");
        Assert.Equal(["add seen", "add missed", "delete seen"], handler.Log);
        Assert.Equal(1, droppable.Lists);
        Assert.Equal(lastSeen, droppable.WatchVersions[^1]);
    }
}
