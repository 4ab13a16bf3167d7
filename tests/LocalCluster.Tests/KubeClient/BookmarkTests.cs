using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;

namespace VisitCounter.LocalCluster.Tests.KubeClient;

/// <summary>Watch bookmarks: progress markers that let a quiet watch resume from a recent resourceVersion.</summary>
public sealed class BookmarkTests(FastBookmarkFixture cluster) : IClassFixture<FastBookmarkFixture>
{
    private IKubernetesClient Client => cluster.Client;

    [Fact]
    public async Task A_quiet_watch_receives_a_bookmark_past_changes_elsewhere_and_resuming_from_it_skips_what_was_seen()
    {
        var ns = await cluster.CreateNamespaceAsync("bookmark");
        var other = await cluster.CreateNamespaceAsync("bookmark-elsewhere");
        var start = (await Client.ListAsync<V1Lease>(ns)).Metadata.ResourceVersion;
        await Client.CreateAsync(Objects.Lease("a", ns));
        var elsewhere = await Client.CreateAsync(Objects.Lease("noise", other));

        var seen = new List<WatchEvent<V1Lease>>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await foreach (var e in Client.WatchAsync<V1Lease>(ns, new WatchOptions { ResourceVersion = start, AllowWatchBookmarks = true }, timeout.Token))
            {
                seen.Add(e);
                if (e.Type == WatchEventType.Bookmark && e.ResourceVersion == elsewhere.Metadata.ResourceVersion)
                {
                    break;
                }
            }
        }

        Assert.Equal(WatchEventType.Added, seen[0].Type);
        Assert.Equal("a", seen[0].Object!.Metadata.Name);
        Assert.DoesNotContain(seen, e => e.Object?.Metadata.Name == "noise");
        var bookmark = seen[^1];
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);

        await Client.CreateAsync(Objects.Lease("b", ns));
        await using var resumed = new WatchRecorder<V1Lease>(Client, ns, bookmark.ResourceVersion);
        var after = await resumed.TakeAsync(1);
        Assert.Equal("b", after[0].Object!.Metadata.Name);
        Assert.Empty(await resumed.DrainAsync(TimeSpan.FromMilliseconds(300)));
    }
}
