using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Tests.Client;

public sealed class WatchTests : ClientTestBase
{
    [Fact]
    public async Task List_then_watch_from_the_list_resource_version_sees_only_later_changes()
    {
        Server.Put("v1", "pods", "default", Pod("before"));
        var list = await Client.ListAsync<V1Pod>("default");
        var ct = Timeout();

        await using var events = Client.WatchAsync<V1Pod>("default", new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, ct).GetAsyncEnumerator(ct);
        var first = events.MoveNextAsync();
        await WaitForWatchersAsync(1);
        Server.Put("v1", "pods", "default", Pod("after"));
        var modified = Pod("before");
        modified["metadata"]!["labels"] = new JsonObject { ["v"] = "2" };
        Server.Put("v1", "pods", "default", modified);
        Server.Remove("v1", "pods", "default", "after");

        var received = new List<WatchEvent<V1Pod>>();
        Assert.True(await first);
        received.Add(events.Current);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await events.MoveNextAsync());
            received.Add(events.Current);
        }

        Assert.Equal(
            [(WatchEventType.Added, "after"), (WatchEventType.Modified, "before"), (WatchEventType.Deleted, "after")],
            received.Select(e => (e.Type, e.Object!.Metadata.Name!)));
        Assert.Equal("2", received[1].Object!.Metadata.Labels!["v"]);
        Assert.Equal(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), received[2].ResourceVersion);
        var query = Server.Requests.Last(r => r.Query.Contains("watch=true", StringComparison.Ordinal)).Query;
        Assert.Equal($"?watch=true&resourceVersion={list.Metadata.ResourceVersion}&allowWatchBookmarks=true", query);
    }

    [Fact]
    public async Task Watch_passes_selectors_and_timeout_and_ends_when_the_server_closes_the_stream()
    {
        Server.Put("v1", "pods", "default", Pod("a", labels: new Dictionary<string, string> { ["app"] = "web" }));
        Server.Put("v1", "pods", "default", Pod("b", labels: new Dictionary<string, string> { ["app"] = "db" }));

        var received = new List<string>();
        var options = new WatchOptions { LabelSelector = "app=web", TimeoutSeconds = 1, AllowWatchBookmarks = false };
        await foreach (var e in Client.WatchAsync<V1Pod>("default", options, Timeout()))
        {
            received.Add($"{e.Type}:{e.Object!.Metadata.Name}");
        }

        Assert.Equal(["Added:a"], received);
        Assert.Equal("?watch=true&labelSelector=app%3Dweb&timeoutSeconds=1", Server.Requests.Last().Query);
    }

    [Fact]
    public async Task Bookmarks_arrive_as_Bookmark_events_with_the_latest_resource_version()
    {
        var ct = Timeout();
        var start = Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var events = Client.WatchAsync<V1Pod>("default", new WatchOptions { ResourceVersion = start }, ct).GetAsyncEnumerator(ct);
        var moved = events.MoveNextAsync();
        await WaitForWatchersAsync(1);
        Server.Put("v1", "pods", "elsewhere", Pod("x", "elsewhere"));
        Server.SendBookmark("v1", "Pod");

        Assert.True(await moved);
        Assert.Equal(WatchEventType.Bookmark, events.Current.Type);
        Assert.Equal(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), events.Current.ResourceVersion);
    }

    [Fact]
    public async Task An_ERROR_410_event_is_thrown_as_GoneException()
    {
        Server.Put("v1", "pods", "default", Pod("a"));
        var old = (Server.ResourceVersion - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Server.Put("v1", "pods", "default", Pod("b"));
        Server.Compact();

        var error = await Assert.ThrowsAsync<GoneException>(async () =>
        {
            await foreach (var unused in Client.WatchAsync<V1Pod>("default", new WatchOptions { ResourceVersion = old }, Timeout()))
            {
            }
        });

        Assert.Equal(410, (int)error.StatusCode);
        Assert.Equal("Expired", error.Reason);
        Assert.Contains("too old resource version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_stream_ends_the_watch_and_a_new_watch_resumes_from_the_last_resource_version()
    {
        var ct = Timeout();
        var start = Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var seen = new List<string>();
        string? last = start;
        await using (var events = Client.WatchAsync<V1Pod>("default", new WatchOptions { ResourceVersion = start }, ct).GetAsyncEnumerator(ct))
        {
            var moved = events.MoveNextAsync();
            await WaitForWatchersAsync(1);
            Server.Put("v1", "pods", "default", Pod("one"));
            Assert.True(await moved);
            seen.Add(events.Current.Object!.Metadata.Name!);
            last = events.Current.ResourceVersion;

            Server.DropWatches();
            Assert.False(await events.MoveNextAsync());
        }

        // Changes made while nobody watched are replayed from the last seen version.
        Server.Put("v1", "pods", "default", Pod("two"));
        await using (var events = Client.WatchAsync<V1Pod>("default", new WatchOptions { ResourceVersion = last }, ct).GetAsyncEnumerator(ct))
        {
            Assert.True(await events.MoveNextAsync());
            seen.Add(events.Current.Object!.Metadata.Name!);
        }

        Assert.Equal(["one", "two"], seen);
    }

    [Fact]
    public async Task Cancelling_the_token_stops_a_watch_that_is_waiting_for_events()
    {
        using var cts = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await foreach (var unused in Client.WatchAsync<V1Pod>("default", new WatchOptions(), cts.Token))
            {
            }
        });
        await WaitForWatchersAsync(1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch);
    }

    [Fact]
    public async Task A_rejected_watch_request_fails_with_the_mapped_exception_before_streaming()
    {
        Server.Intercept = async context =>
        {
            await TestServers.FakeApiServer.WriteStatusAsync(context, 403, "Forbidden", "pods is forbidden: User \"system:serviceaccount:default:op\" cannot watch resource \"pods\"");
            return true;
        };

        var error = await Assert.ThrowsAsync<ForbiddenException>(async () =>
        {
            await foreach (var unused in Client.WatchAsync<V1Pod>("default", new WatchOptions(), Timeout()))
            {
            }
        });
        Assert.Contains("cannot watch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_split_across_chunks_and_blank_keepalive_lines_are_parsed_incrementally()
    {
        var secondHalfSent = new TaskCompletionSource();
        var firstEventSeen = new TaskCompletionSource();
        Server.Intercept = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync();
            var line = "{\"type\":\"ADDED\",\"object\":" + Pod("split").ToJsonString() + "}\n";
            await context.Response.WriteAsync(line[..20]);
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync(line[20..] + "\n");
            await context.Response.Body.FlushAsync();

            // The client must hand out the first event while the stream is still open.
            await firstEventSeen.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("{\"type\":\"DELETED\",\"object\":" + Pod("split").ToJsonString() + "}\n");
            secondHalfSent.SetResult();
            return true;
        };

        var received = new List<WatchEventType>();
        await foreach (var e in Client.WatchAsync<V1Pod>("default", new WatchOptions(), Timeout()))
        {
            received.Add(e.Type);
            Assert.Equal("split", e.Object!.Metadata.Name);
            firstEventSeen.TrySetResult();
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], received);
        Assert.True(secondHalfSent.Task.IsCompleted);
    }

    [Fact]
    public async Task A_malformed_event_line_fails_the_watch_instead_of_being_skipped()
    {
        Server.Intercept = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"type\":\"EXPLODED\",\"object\":{}}\n");
            return true;
        };

        var error = await Assert.ThrowsAsync<System.Text.Json.JsonException>(async () =>
        {
            await foreach (var unused in Client.WatchAsync<V1Pod>("default", new WatchOptions(), Timeout()))
            {
            }
        });
        Assert.Contains("EXPLODED", error.Message, StringComparison.Ordinal);
    }

    private async Task WaitForWatchersAsync(int count)
    {
        // Polls server state (not a timing assertion): the watch must be registered before we change objects.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Server.WatcherCount < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the watch request never reached the server");
            await Task.Delay(10);
        }
    }
}
