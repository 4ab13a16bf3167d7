using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Http;

/// <summary>Watch semantics over HTTP: resume from a resourceVersion, selectors, bookmarks and 410 Expired.</summary>
public sealed class WatchTests
{
    private static JsonObject Lease(string name, string holder, string app = "web") => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject { ["holderIdentity"] = holder },
    };

    private const string Leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases";

    [Fact]
    public async Task A_watch_from_a_resource_version_gets_every_later_change_in_order()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        var created = await store.CreateAsync(ResourceRef.Leases, Lease("a", "x"));
        var from = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        await store.PatchAsync(ResourceRef.Leases, "default", "a", PatchType.Merge, JsonNode.Parse("""{"spec":{"holderIdentity":"y"}}""")!);
        await store.CreateAsync(ResourceRef.Leases, Lease("b", "x"));

        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Leases}?watch=true&resourceVersion={from}");
        await store.DeleteAsync(ResourceRef.Leases, "default", "a");

        var events = new List<JsonObject>();
        for (var i = 0; i < 3; i++) events.Add((await watch.NextAsync())!);

        Assert.Equal(["MODIFIED", "ADDED", "DELETED"], events.Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal(["a", "b", "a"], events.Select(e => e["object"]!["metadata"]!["name"]!.GetValue<string>()));
        var versions = events.Select(e => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public async Task A_watch_from_zero_starts_with_synthetic_added_events()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        await cluster.Server.Store.CreateAsync(ResourceRef.Leases, Lease("a", "x"));

        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Leases}?watch=true&resourceVersion=0");
        var first = await watch.NextAsync();

        Assert.Equal("ADDED", first!["type"]!.GetValue<string>());
        Assert.Equal("a", first["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_label_selector_watch_reports_objects_that_stop_matching_as_deleted()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        var created = await store.CreateAsync(ResourceRef.Leases, Lease("a", "x"));
        var from = created["metadata"]!["resourceVersion"]!.GetValue<string>();

        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Leases}?watch=true&labelSelector=app%20in%20(web)&resourceVersion={from}");
        await store.PatchAsync(ResourceRef.Leases, "default", "a", PatchType.Merge, JsonNode.Parse("""{"metadata":{"labels":{"app":"db"}}}""")!);
        await store.PatchAsync(ResourceRef.Leases, "default", "a", PatchType.Merge, JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}}}""")!);

        Assert.Equal("DELETED", (await watch.NextAsync())!["type"]!.GetValue<string>());
        Assert.Equal("ADDED", (await watch.NextAsync())!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_resource_version_older_than_the_window_gets_a_410_expired_event()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false, WatchWindowSize = 2 });
        var store = cluster.Server.Store;
        var created = await store.CreateAsync(ResourceRef.Leases, Lease("a", "x"));
        var from = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        for (var i = 0; i < 4; i++)
        {
            await store.PatchAsync(ResourceRef.Leases, "default", "a", PatchType.Merge, new JsonObject { ["spec"] = new JsonObject { ["holderIdentity"] = $"h{i}" } });
        }

        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Leases}?watch=true&resourceVersion={from}");
        var error = await watch.NextAsync();

        Assert.Equal("ERROR", error!["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith($"too old resource version: {from} (", error["object"]!["message"]!.GetValue<string>());
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Bookmarks_are_sent_when_allowed_and_carry_only_the_resource_version()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false, BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        var created = await cluster.Server.Store.CreateAsync(ResourceRef.Leases, Lease("a", "x"));
        var rv = created["metadata"]!["resourceVersion"]!.GetValue<string>();

        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Leases}?watch=true&allowWatchBookmarks=true&resourceVersion={rv}");
        var bookmark = await watch.NextAsync();

        Assert.Equal("BOOKMARK", bookmark!["type"]!.GetValue<string>());
        Assert.Equal("Lease", bookmark["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(rv, bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_ends_after_timeout_seconds()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });

        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Leases}?watch=true&timeoutSeconds=1&resourceVersion=0");

        Assert.Null(await watch.NextAsync());
    }
}
