using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Tests.Runtime.Support;
using static VisitCounter.Kube.Tests.Runtime.Support.WatchScripts;

namespace VisitCounter.Kube.Tests.Runtime.Informers;

public sealed class InformerTests
{
    private readonly FakeKubernetesClient client = new();
    private readonly ManualTimeProvider time = new() { AutoAdvance = true };
    private readonly RuntimeMetrics metrics = new(new MetricsRegistry());

    [Fact]
    public async Task Lists_then_watches_from_the_lists_resourceVersion_with_bookmarks_and_a_randomised_timeout()
    {
        client.ListOverride = _ => new EntityList<V1Pod> { Metadata = new V1ListMeta { ResourceVersion = "10" }, Items = [Pod("a", "5"), Pod("b", "6")] };
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer();
        var handler = new RecordingHandler<V1Pod>();
        informer.AddEventHandler(handler);

        await RunUntil(informer, watching.Task, async () =>
        {
            var options = await watching.Task;
            Assert.Equal("10", options.ResourceVersion);
            Assert.True(options.AllowWatchBookmarks);
            Assert.InRange(options.TimeoutSeconds!.Value, 300, 600);
            Assert.True(informer.HasSynced);
            Assert.Equal(["add ns/a@5", "add ns/b@6"], handler.Events);
            Assert.Equal("a", informer.Get("a", "ns")!.Metadata.Name);
            Assert.Null(informer.Get("a", "other"));
        });
    }

    [Fact]
    public async Task Applies_events_resumes_after_a_dropped_stream_and_relists_on_410_Gone()
    {
        var lists = new Queue<EntityList<V1Pod>>(
        [
            new() { Metadata = new V1ListMeta { ResourceVersion = "10" }, Items = [Pod("a", "5"), Pod("b", "6")] },
            new() { Metadata = new V1ListMeta { ResourceVersion = "40" }, Items = [Pod("a", "12"), Pod("c", "35"), Pod("d", "39")] },
        ]);
        client.ListOverride = _ => lists.Dequeue();
        client.ScriptWatch(Events<V1Pod>(
            new HttpRequestException("connection reset"),
            new WatchEvent<V1Pod>(WatchEventType.Added, Pod("c", "11")),
            new WatchEvent<V1Pod>(WatchEventType.Modified, Pod("a", "12")),
            new WatchEvent<V1Pod>(WatchEventType.Deleted, Pod("b", "13"))));
        client.ScriptWatch(Events<V1Pod>(
            FakeKubernetesClient.Error(HttpStatusCode.Gone, "Expired", "too old resource version: 20 (30)"),
            new WatchEvent<V1Pod>(WatchEventType.Bookmark, Pod("bookmark", "20"))));
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer();
        var handler = new RecordingHandler<V1Pod>();
        informer.AddEventHandler(handler);

        await RunUntil(informer, watching.Task, async () =>
        {
            Assert.Equal("40", (await watching.Task).ResourceVersion);
            Assert.Equal(["10", "13", "40"], client.WatchCalls.Select(w => w.ResourceVersion));
            Assert.Equal(2, client.Calls.Count(c => c.StartsWith("List", StringComparison.Ordinal)));
            Assert.Equal(
                [
                    "add ns/a@5", "add ns/b@6",
                    "add ns/c@11", "update ns/a@5->12", "delete ns/b@13",
                    "update ns/c@11->35", "add ns/d@39",
                ],
                handler.Events);
            Assert.Equal(["a", "c", "d"], informer.List("ns").Select(p => p.Metadata.Name));
            Assert.Null(informer.Get("bookmark", "ns"));
            Assert.Equal(2, metrics.WatchErrors.WithLabels("pods").Value);
            Assert.Equal(2, metrics.Relists.WithLabels("pods").Value);
        });
    }

    [Fact]
    public async Task A_relist_reports_objects_deleted_while_nobody_watched()
    {
        var lists = new Queue<EntityList<V1Pod>>(
        [
            new() { Metadata = new V1ListMeta { ResourceVersion = "10" }, Items = [Pod("a", "5"), Pod("b", "6")] },
            new() { Metadata = new V1ListMeta { ResourceVersion = "50" }, Items = [Pod("a", "5")] },
        ]);
        client.ListOverride = _ => lists.Dequeue();
        client.ScriptWatch(Events<V1Pod>(FakeKubernetesClient.Error(HttpStatusCode.Gone, "Expired")));
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer();
        var handler = new RecordingHandler<V1Pod>();
        informer.AddEventHandler(handler);

        await RunUntil(informer, watching.Task, () =>
        {
            Assert.Equal(["add ns/a@5", "add ns/b@6", "delete ns/b@6"], handler.Events);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Repeated_failures_back_off_exponentially_from_800ms_to_30s_and_reset_after_success()
    {
        var failures = 0;
        client.FailWhen = call => call.StartsWith("List", StringComparison.Ordinal) && failures++ < 8
            ? FakeKubernetesClient.Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")
            : null;
        client.ScriptWatch(Events<V1Pod>(new IOException("eof"), new WatchEvent<V1Pod>(WatchEventType.Added, Pod("a", "101"))));
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer(new Random(42));

        await RunUntil(informer, watching.Task, () =>
        {
            var delays = time.RequestedDelays.ToArray();
            Assert.Equal(9, delays.Length);
            double[] expectedBase = [0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30];
            for (var i = 0; i < expectedBase.Length; i++)
            {
                Assert.InRange(delays[i].TotalSeconds, expectedBase[i], expectedBase[i] * 1.2);
            }

            // The watch delivered an event before failing, which proves health: the backoff starts from the beginning.
            Assert.InRange(delays[8].TotalSeconds, 0.8, 0.96);
            Assert.Equal(9, metrics.WatchErrors.WithLabels("pods").Value);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Repeated_410s_straight_after_relisting_back_off()
    {
        client.ListOverride = _ => new EntityList<V1Pod> { Metadata = new V1ListMeta { ResourceVersion = "10" } };
        for (var i = 0; i < 3; i++)
        {
            client.ScriptWatch(Events<V1Pod>(FakeKubernetesClient.Error(HttpStatusCode.Gone, "Expired")));
        }

        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer();

        await RunUntil(informer, watching.Task, () =>
        {
            var delays = time.RequestedDelays.ToArray();
            Assert.Equal(2, delays.Length);
            Assert.InRange(delays[0].TotalSeconds, 1.6, 1.92);
            Assert.InRange(delays[1].TotalSeconds, 3.2, 3.84);
            Assert.Equal(4, client.Calls.Count(c => c.StartsWith("List", StringComparison.Ordinal)));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task An_empty_watch_that_closes_at_once_is_backed_off_not_hammered()
    {
        client.ListOverride = _ => new EntityList<V1Pod> { Metadata = new V1ListMeta { ResourceVersion = "10" } };
        client.ScriptWatch(Events<V1Pod>(null));
        client.ScriptWatch(Events<V1Pod>(null));
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer();

        await RunUntil(informer, watching.Task, () =>
        {
            Assert.Equal(2, time.RequestedDelays.Count);
            Assert.Equal(["10", "10", "10"], client.WatchCalls.Select(w => w.ResourceVersion));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task A_watch_ERROR_event_is_never_skipped()
    {
        client.ListOverride = _ => new EntityList<V1Pod> { Metadata = new V1ListMeta { ResourceVersion = "10" } };
        client.ScriptWatch(Events<V1Pod>(null, new WatchEvent<V1Pod>(WatchEventType.Error, null, new V1Status { Code = 500, Reason = "InternalError", Message = "boom" })));
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer();

        await RunUntil(informer, watching.Task, () =>
        {
            Assert.Equal(1, metrics.WatchErrors.WithLabels("pods").Value);
            Assert.Single(time.RequestedDelays);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Late_handlers_get_the_cached_objects_replayed_and_a_failing_handler_does_not_stop_others()
    {
        client.ListOverride = _ => new EntityList<V1Pod> { Metadata = new V1ListMeta { ResourceVersion = "10" }, Items = [Pod("a", "5")] };
        client.ScriptWatch(Events<V1Pod>(null, new WatchEvent<V1Pod>(WatchEventType.Added, Pod("b", "11"))));
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer();
        var throwing = new Moq.Mock<IInformerEventHandler<V1Pod>>();
        throwing.Setup(h => h.OnAdd(Moq.It.IsAny<V1Pod>())).Throws(new InvalidOperationException("handler bug"));
        informer.AddEventHandler(throwing.Object);
        var early = new RecordingHandler<V1Pod>();
        informer.AddEventHandler(early);

        await RunUntil(informer, watching.Task, () =>
        {
            var late = new RecordingHandler<V1Pod>();
            informer.AddEventHandler(late);
            Assert.Equal(["add ns/a@5", "add ns/b@11"], early.Events);
            Assert.Equal(["add ns/a@5", "add ns/b@11"], late.Events);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Lists_only_the_configured_namespace_and_filters_by_label_selector()
    {
        client.Seed(Pod("a", "1", "one", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }));
        client.Seed(Pod("b", "1", "one", new Dictionary<string, string> { ["app"] = "db" }));
        client.Seed(Pod("c", "1", "two", new Dictionary<string, string> { ["app"] = "web" }));
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer(options: new InformerOptions { Namespace = "one" });

        await RunUntil(informer, watching.Task, () =>
        {
            Assert.Contains("List V1Pod one", client.Calls);
            Assert.Contains("Watch V1Pod one", client.Calls);
            Assert.Equal(["a", "b"], informer.List().Select(p => p.Metadata.Name));
            Assert.Equal(["a"], informer.List("one", "app=web").Select(p => p.Metadata.Name));
            Assert.Equal(["b"], informer.List(labelSelector: "app notin (web)").Select(p => p.Metadata.Name));
            Assert.Empty(informer.List("two"));
            Assert.Throws<FormatException>(() => informer.List(labelSelector: "app in web"));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task A_lean_cache_lists_and_watches_by_label_and_stores_objects_without_managedFields()
    {
        var pod = Pod("a", "1", "one", new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "me" });
        pod.Metadata.ManagedFields = [System.Text.Json.JsonDocument.Parse("""{"manager":"kubectl","operation":"Update"}""").RootElement];
        client.Seed(pod);
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer(options: new InformerOptions { LabelSelector = "app.kubernetes.io/managed-by=me", StripManagedFields = true });

        await RunUntil(informer, watching.Task, async () =>
        {
            Assert.Equal("app.kubernetes.io/managed-by=me", client.LastListOptions!.LabelSelector);
            Assert.Equal("app.kubernetes.io/managed-by=me", (await watching.Task).LabelSelector);
            Assert.Null(informer.Get("a", "one")!.Metadata.ManagedFields);
        });
    }

    [Fact]
    public void Cache_options_reject_a_malformed_selector() =>
        Assert.Throws<FormatException>(() => new CacheOptions().ByObject<V1Pod>("app in web"));

    [Fact]
    public async Task A_watch_the_server_never_closes_is_abandoned_after_its_timeout_and_resumed()
    {
        var manual = new ManualTimeProvider();
        client.ListOverride = _ => new EntityList<V1Pod> { Metadata = new V1ListMeta { ResourceVersion = "10" } };
        var stuck = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(stuck));
        var fresh = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(fresh));
        var informer = new Informer<V1Pod>(client, new InformerOptions(), NullLogger<Informer<V1Pod>>.Instance, metrics, manual, new Random(1));
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await stuck.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Eventually.True(() => manual.PendingTimers == 1, "the stall deadline");

        manual.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal("10", (await fresh.Task.WaitAsync(TimeSpan.FromSeconds(20))).ResourceVersion);
        Assert.Equal(1, client.Calls.Count(c => c.StartsWith("List", StringComparison.Ordinal)));
        Assert.Equal(1, metrics.WatchErrors.WithLabels("pods").Value);
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Cancelling_during_a_backoff_wait_ends_the_loop_cleanly()
    {
        var manual = new ManualTimeProvider();
        client.FailWhen = _ => new HttpRequestException("refused");
        var informer = new Informer<V1Pod>(client, new InformerOptions(), NullLogger<Informer<V1Pod>>.Instance, metrics, manual, new Random(1));
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await Eventually.True(() => manual.PendingTimers == 1, "the loop to wait out its backoff");

        await cts.CancelAsync();

        await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(run.IsCompletedSuccessfully);
        Assert.False(informer.HasSynced);
    }

    [Fact]
    public async Task WaitForCacheSync_completes_after_the_first_list()
    {
        var listGate = new TaskCompletionSource();
        client.FailWhen = call => call.StartsWith("List", StringComparison.Ordinal) && !listGate.Task.IsCompleted
            ? new HttpRequestException("not yet")
            : null;
        var watching = new TaskCompletionSource<WatchOptions>();
        client.ScriptWatch(Hang<V1Pod>(watching));
        var informer = CreateInformer();
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);

        var sync = informer.WaitForCacheSyncAsync(CancellationToken.None);
        Assert.False(informer.HasSynced);
        listGate.SetResult();
        await sync.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(informer.HasSynced);

        await watching.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private Informer<V1Pod> CreateInformer(Random? random = null, InformerOptions? options = null) =>
        new(client, options ?? new InformerOptions(), NullLogger<Informer<V1Pod>>.Instance, metrics, time, random ?? new Random(7));

    private static async Task RunUntil(Informer<V1Pod> informer, Task reached, Func<Task> assertions)
    {
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        var finished = await Task.WhenAny(reached, run).WaitAsync(TimeSpan.FromSeconds(30));
        if (finished == run)
        {
            await run;
            Assert.Fail("The informer stopped before reaching the expected watch.");
        }

        await assertions();
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
