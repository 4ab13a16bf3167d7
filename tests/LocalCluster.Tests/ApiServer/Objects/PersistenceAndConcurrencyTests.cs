using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Objects;

/// <summary>Durability across restarts, optimistic concurrency under contention, and watch completeness.</summary>
public sealed class PersistenceAndConcurrencyTests
{
    private static JsonObject Lease(string name, string holder) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject { ["holderIdentity"] = holder },
    };

    [Fact]
    public async Task A_restart_keeps_every_object_and_never_reuses_a_resource_version()
    {
        var dir = Directory.CreateTempSubdirectory("local-cluster-restart-").FullName;
        try
        {
            long before;
            await using (var first = await TestCluster.StartAsync(o => o with { Https = false }, dir))
            {
                await first.Kubectl.SucceedAsync("apply", "-f", Path.Combine(TestCluster.Fixtures, "crd.yaml"));
                await first.Kubectl.SucceedAsync("apply", "-f", Path.Combine(TestCluster.Fixtures, "app.yaml"));
                await first.Server.Store.CreateAsync(ResourceRef.Leases, Lease("keep", "x"));
                await first.Server.Store.CreateAsync(ResourceRef.Leases, Lease("gone", "x"));
                await first.Server.Store.DeleteAsync(ResourceRef.Leases, "default", "gone");
                before = first.Server.Store.CurrentResourceVersion;
            }

            await using var second = await TestCluster.StartAsync(o => o with { Https = false }, dir);

            Assert.Equal(before, second.Server.Store.CurrentResourceVersion);
            Assert.NotNull(second.Server.Store.Get(ResourceRef.Leases, "default", "keep"));
            Assert.Null(second.Server.Store.Get(ResourceRef.Leases, "default", "gone"));
            Assert.Contains("web", await second.Kubectl.SucceedAsync("get", "vca"));
            var next = await second.Server.Store.CreateAsync(ResourceRef.Leases, Lease("new", "x"));
            Assert.True(long.Parse(next["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture) > before);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Many_writers_on_one_object_get_exactly_one_winner_per_resource_version()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        await store.CreateAsync(ResourceRef.Leases, Lease("hot", "start"));
        var winners = new ConcurrentBag<(string BasedOn, string Holder)>();
        var conflicts = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (writer, ct) =>
        {
            for (var round = 0; round < 10; round++)
            {
                var live = store.Get(ResourceRef.Leases, "default", "hot")!;
                var basedOn = live["metadata"]!["resourceVersion"]!.GetValue<string>();
                live["spec"]!["holderIdentity"] = $"w{writer}-{round}";
                try
                {
                    await store.UpdateAsync(ResourceRef.Leases, live, cancellationToken: ct);
                    winners.Add((basedOn, $"w{writer}-{round}"));
                }
                catch (ApiException e) when (e.Code == 409)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        });

        Assert.Equal(160, winners.Count + conflicts);
        Assert.Equal(winners.Count, winners.Select(w => w.BasedOn).Distinct().Count());
    }

    [Fact]
    public async Task Watches_deliver_every_change_once_and_in_order_under_concurrent_writes()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        var start = store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        const int writers = 8, perWriter = 25;
        var received = new List<StoreEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in store.WatchAsync(ResourceRef.Leases, "default", start, cancel.Token))
            {
                received.Add(e);
                if (received.Count == writers * perWriter) return;
            }
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, writers), async (writer, ct) =>
        {
            await store.CreateAsync(ResourceRef.Leases, Lease($"l{writer}", "0"), cancellationToken: ct);
            for (var i = 1; i < perWriter; i++)
            {
                await store.PatchAsync(ResourceRef.Leases, "default", $"l{writer}", PatchType.Merge,
                    new JsonObject { ["spec"] = new JsonObject { ["holderIdentity"] = i.ToString(CultureInfo.InvariantCulture) } }, cancellationToken: ct);
            }
        });
        await watching;

        var versions = received.Select(e => e.ResourceVersion).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        foreach (var writer in Enumerable.Range(0, writers))
        {
            var holders = received.Where(e => e.Object["metadata"]!["name"]!.GetValue<string>() == $"l{writer}")
                .Select(e => int.Parse(e.Object["spec"]!["holderIdentity"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, perWriter), holders);
        }
    }
}
