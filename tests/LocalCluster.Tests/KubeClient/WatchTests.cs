using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;

namespace VisitCounter.LocalCluster.Tests.KubeClient;

/// <summary>List+watch and resumed watches of our client against the real server's watch cache.</summary>
public sealed class WatchTests(ApiServerFixture cluster) : IClassFixture<ApiServerFixture>
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task Watch_from_the_list_resourceVersion_sees_every_later_change_in_order()
    {
        var ns = await cluster.CreateNamespaceAsync("watch");
        await Client.CreateAsync(Objects.Lease("before", ns));
        var list = await Client.ListAsync<V1Lease>(ns);
        await using var watch = new WatchRecorder<V1Lease>(Client, ns, list.Metadata.ResourceVersion);

        var a = await Client.CreateAsync(Objects.Lease("a", ns));
        Objects.SetCounter(a, 1);
        var a1 = await Client.UpdateAsync(a);
        await Client.CreateAsync(Objects.Lease("b", ns));
        await Client.DeleteAsync<V1Lease>("a", ns);
        await Client.DeleteAsync<V1Lease>("before", ns);

        var events = await watch.TakeAsync(5);

        Assert.Equal(
            ["Added a", "Modified a", "Added b", "Deleted a", "Deleted before"],
            events.Select(e => $"{e.Type} {e.Object!.Metadata.Name}"));
        Assert.Equal(a1.Metadata.ResourceVersion, events[1].ResourceVersion);
        Assert.Equal(1, Objects.Counter(events[1].Object!));
        Assert.Empty(await watch.DrainAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Watch_resumed_from_the_last_seen_resourceVersion_gets_exactly_the_missed_changes()
    {
        var ns = await cluster.CreateNamespaceAsync("resume");
        var list = await Client.ListAsync<V1Lease>(ns);
        string lastSeen;
        await using (var first = new WatchRecorder<V1Lease>(Client, ns, list.Metadata.ResourceVersion))
        {
            await Client.CreateAsync(Objects.Lease("one", ns));
            await Client.CreateAsync(Objects.Lease("two", ns));
            var seen = await first.TakeAsync(2);
            lastSeen = seen[^1].ResourceVersion!;
        }

        // The connection is gone; these happen while nobody watches.
        var three = await Client.CreateAsync(Objects.Lease("three", ns));
        Objects.SetCounter(three, 3);
        await Client.UpdateAsync(three);
        await Client.DeleteAsync<V1Lease>("one", ns);

        // A new client: a new connection, as after a real drop.
        using var reconnected = cluster.NewClient();
        await using var resumed = new WatchRecorder<V1Lease>(reconnected, ns, lastSeen);
        var missed = await resumed.TakeAsync(3);

        Assert.Equal(["Added three", "Modified three", "Deleted one"], missed.Select(e => $"{e.Type} {e.Object!.Metadata.Name}"));
        Assert.Empty(await resumed.DrainAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Watch_with_a_label_selector_only_sees_matching_objects()
    {
        var ns = await cluster.CreateNamespaceAsync("watch-sel");
        var list = await Client.ListAsync<V1Lease>(ns);
        await using var watch = new WatchRecorder<V1Lease>(Client, ns, list.Metadata.ResourceVersion, "tier=web");

        await Client.CreateAsync(Objects.Lease("db", ns, new Dictionary<string, string> { ["tier"] = "db" }));
        await Client.CreateAsync(Objects.Lease("web", ns, new Dictionary<string, string> { ["tier"] = "web" }));

        var events = await watch.TakeAsync(1);
        Assert.Equal("web", events[0].Object!.Metadata.Name);
        Assert.Empty(await watch.DrainAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Events_of_other_namespaces_are_not_delivered_to_a_namespaced_watch()
    {
        var ns = await cluster.CreateNamespaceAsync("watch-ns");
        var other = await cluster.CreateNamespaceAsync("watch-other");
        var list = await Client.ListAsync<V1Lease>(ns);
        await using var watch = new WatchRecorder<V1Lease>(Client, ns, list.Metadata.ResourceVersion);

        await Client.CreateAsync(Objects.Lease("elsewhere", other));
        await Client.CreateAsync(Objects.Lease("here", ns));

        var events = await watch.TakeAsync(1);
        Assert.Equal($"{ns}/here", $"{events[0].Object!.Metadata.Namespace}/{events[0].Object!.Metadata.Name}");
    }
}
