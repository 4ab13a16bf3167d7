using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Events;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Serialization;
using VisitCounter.Kube.Tests.Client;
using VisitCounter.Kube.Tests.Runtime.Support;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Runtime.Events;

/// <summary>The recorder's queue and writer against a real HTTP server, including one that never answers.</summary>
public sealed class EventRecorderQueueTests : IAsyncLifetime
{
    private readonly V1StatefulSet web = new() { Metadata = new V1ObjectMeta { Name = "web", Namespace = "shop", Uid = "uid-web" } };
    private readonly MetricsRegistry registry = new();
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeApiServer server = null!;
    private KubernetesClient client = null!;

    public async Task InitializeAsync()
    {
        server = await FakeApiServer.StartAsync();
        client = new KubernetesClient(
            new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), RequestTimeout = TimeSpan.FromSeconds(60) },
            KubernetesJson.Create(TestJsonContext.Default));
    }

    public async Task DisposeAsync()
    {
        release.TrySetResult();
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Recording_returns_at_once_and_drops_past_the_queue_while_the_server_hangs()
    {
        HangEveryRequest();
        var recorder = CreateRecorder(queueLength: 5);

        // One event is being written (hanging), five wait in the queue, the rest are dropped.
        for (var i = 0; i < 20; i++)
        {
            var recording = recorder.RecordAsync(web, EventType.Normal, $"Reason{i}", "m");
            Assert.True(recording.IsCompletedSuccessfully, $"event {i} was recorded without waiting");
            if (i == 0)
            {
                await Eventually.True(() => server.Requests.Count == 1, "the writer is stuck on the first write");
            }
        }

        Assert.Contains("event_recorder_dropped_total{reason=\"queue_full\"} 14", registry.Render(), StringComparison.Ordinal);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await recorder.StopAsync(stop.Token);
        Assert.Contains("event_recorder_dropped_total{reason=\"shutdown\"} 5", registry.Render(), StringComparison.Ordinal);
        recorder.Dispose();
    }

    [Fact]
    public async Task Stop_writes_the_queued_events_before_it_returns()
    {
        var recorder = CreateRecorder(queueLength: 100);
        for (var i = 0; i < 10; i++)
        {
            await recorder.RecordAsync(web, EventType.Normal, $"Reason{i}", "m");
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await recorder.StopAsync(stop.Token);

        Assert.Equal(10, server.Requests.Count(r => r.Method == "POST" && r.Path == "/api/v1/namespaces/shop/events"));
        await recorder.RecordAsync(web, EventType.Normal, "AfterStop", "m");
        Assert.Contains("event_recorder_dropped_total{reason=\"shutdown\"} 1", registry.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_and_identical_events_reach_the_server_combined_and_counted()
    {
        await using var recorder = CreateRecorder(queueLength: 100);
        for (var i = 1; i <= 12; i++)
        {
            await recorder.RecordAsync(web, EventType.Warning, "FailedCreate", $"create pod web-{i} failed");
        }

        await recorder.RecordAsync(web, EventType.Normal, "Synced", "ok");
        await recorder.RecordAsync(web, EventType.Normal, "Synced", "ok");
        await recorder.FlushAsync();

        var events = await client.ListAsync<Corev1Event>("shop");
        var combined = Assert.Single(events.Items, e => e.Message!.StartsWith("(combined from similar events)", StringComparison.Ordinal));
        Assert.Equal(3, combined.Count);
        Assert.Equal("(combined from similar events): create pod web-12 failed", combined.Message);
        Assert.Equal(9, events.Items.Count(e => e.Reason == "FailedCreate" && e.Count == 1));
        Assert.Equal(2, Assert.Single(events.Items, e => e.Reason == "Synced").Count);
        Assert.Equal(11, server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(3, server.Requests.Count(r => r.Method == "PATCH"));
    }

    private EventRecorder CreateRecorder(int queueLength) => new(
        client,
        new EventRecorderOptions { Component = "test-operator", Host = "node-1", QueueLength = queueLength },
        NullLogger<EventRecorder>.Instance,
        metrics: registry);

    private void HangEveryRequest() => server.Intercept = async context =>
    {
        await release.Task.WaitAsync(context.RequestAborted);
        return true;
    };
}
