using System.Collections.Concurrent;
using VisitCounter.E2E.Tests.Infrastructure;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.E2E.Tests;

/// <summary><c>podManagementPolicy</c>: Parallel starts every pod at once, OrderedReady one after the other.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class PodManagementTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Parallel_CreatesEveryPodBeforeAnyIsReady()
    {
        var ns = await cluster.NewNamespaceAsync("parallel");
        var history = await RecordPodHistoryAsync(ns, "par", "podManagementPolicy: Parallel\n");

        var firstReady = history.FindIndex(e => e.Ready);
        var created = history.Where(e => e.Created).Select(e => e.Pod).ToList();
        Assert.Equal(["par-0", "par-1", "par-2"], created.Order());
        Assert.True(history.FindLastIndex(e => e.Created) < firstReady, "all pods are created before the first is ready: " + string.Join(", ", history));
    }

    [Fact]
    public async Task OrderedReady_CreatesEachPodOnlyAfterThePreviousIsReady()
    {
        var ns = await cluster.NewNamespaceAsync("ordered");
        var history = await RecordPodHistoryAsync(ns, "ord", "podManagementPolicy: OrderedReady\n");

        for (var ordinal = 1; ordinal < 3; ordinal++)
        {
            var created = history.FindIndex(e => e.Created && e.Pod == $"ord-{ordinal}");
            var previousReady = history.FindIndex(e => e.Ready && e.Pod == $"ord-{ordinal - 1}");
            Assert.True(previousReady >= 0 && previousReady < created, $"ord-{ordinal} is created after ord-{ordinal - 1} is ready: " + string.Join(", ", history));
        }
    }

    private sealed record PodEvent(string Pod, bool Created, bool Ready)
    {
        public override string ToString() => $"{Pod}:{(Created ? "created" : "ready")}";
    }

    /// <summary>Applies a 3-replica app and records, from the API server's watch, when each pod appeared and became ready.</summary>
    private async Task<List<PodEvent>> RecordPodHistoryAsync(string ns, string name, string spec)
    {
        var events = new ConcurrentQueue<PodEvent>();
        using var stop = new CancellationTokenSource();
        var since = cluster.Store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watch = Task.Run(async () =>
        {
            var ready = new HashSet<string>();
            try
            {
                await foreach (var e in cluster.Store.WatchAsync(ResourceRef.Pods, ns, since, stop.Token))
                {
                    var pod = e.Object.Str("metadata.name")!;
                    if (e.Type == WatchEventType.Added)
                    {
                        events.Enqueue(new PodEvent(pod, Created: true, Ready: false));
                    }

                    if (ClusterAssertions.IsReady(e.Object) && ready.Add(pod))
                    {
                        events.Enqueue(new PodEvent(pod, Created: false, Ready: true));
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        await cluster.Kubectl.ApplyAsync(Manifests.App(name, ns, 3, spec));
        await cluster.WaitForReadyAsync(ns, name, 3);
        await Eventually.True("three pods were seen ready", () => Task.FromResult(events.Count(e => e.Ready) == 3));
        await stop.CancelAsync();
        await watch;
        return [.. events];
    }
}
