using System.Collections.Concurrent;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;

namespace VisitCounter.LocalCluster.Tests.KubeClient;

/// <summary>Optimistic concurrency end to end: many clients doing get-modify-update on one object.</summary>
public sealed class ConcurrentWriterTests(ApiServerFixture cluster) : IClassFixture<ApiServerFixture>
{
    private const int Writers = 12;
    private const int IncrementsPerWriter = 8;

    [Fact]
    public async Task Concurrent_get_modify_update_has_one_winner_per_resourceVersion_and_a_watch_sees_every_change_once_in_order()
    {
        var ns = await cluster.CreateNamespaceAsync("race");
        var created = await cluster.Client.CreateAsync(Objects.Lease("counter", ns));
        using var watchClient = cluster.NewClient();
        await using var watch = new WatchRecorder<V1Lease>(watchClient, ns, created.Metadata.ResourceVersion);

        var winners = new ConcurrentBag<(int Value, string ResourceVersion)>();
        var conflicts = 0;
        var clients = Enumerable.Range(0, Writers).Select(_ => cluster.NewClient()).ToArray();
        try
        {
            await Task.WhenAll(clients.Select(client => Task.Run(async () =>
            {
                for (var done = 0; done < IncrementsPerWriter;)
                {
                    var lease = (await client.GetAsync<V1Lease>("counter", ns))!;
                    var next = Objects.Counter(lease) + 1;
                    Objects.SetCounter(lease, next);
                    try
                    {
                        var written = await client.UpdateAsync(lease);
                        winners.Add((next, written.Metadata.ResourceVersion!));
                        done++;
                    }
                    catch (ConflictException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            })));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        const int total = Writers * IncrementsPerWriter;
        var final = (await cluster.Client.GetAsync<V1Lease>("counter", ns))!;
        Assert.Equal(total, winners.Count);
        Assert.Equal(total, winners.Select(w => w.ResourceVersion).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, total), winners.Select(w => w.Value).Order());
        Assert.Equal(total, Objects.Counter(final));

        var events = await watch.TakeAsync(total);
        Assert.All(events, e => Assert.Equal(WatchEventType.Modified, e.Type));
        Assert.Equal(Enumerable.Range(1, total), events.Select(e => Objects.Counter(e.Object!)));
        var byValue = winners.ToDictionary(w => w.Value, w => w.ResourceVersion);
        Assert.All(events, e => Assert.Equal(byValue[Objects.Counter(e.Object!)], e.ResourceVersion));
        Assert.Empty(await watch.DrainAsync(TimeSpan.FromMilliseconds(300)));
    }
}
