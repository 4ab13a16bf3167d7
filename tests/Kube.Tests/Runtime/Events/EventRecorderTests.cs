using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Events;
using VisitCounter.Kube.Tests.Runtime.Support;

namespace VisitCounter.Kube.Tests.Runtime.Events;

public sealed class EventRecorderTests
{
    private readonly FakeKubernetesClient client = new();
    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly V1StatefulSet web = new()
    {
        Metadata = new V1ObjectMeta { Name = "web", Namespace = "shop", Uid = "uid-web", ResourceVersion = "7" },
    };

    [Fact]
    public async Task Creates_a_core_v1_event_about_the_object()
    {
        await using var recorder = CreateRecorder();

        await recorder.RecordAsync(web, EventType.Normal, "ScaledUp", "Scaled to 3 replicas");
        await recorder.FlushAsync();

        var created = Assert.Single(client.All<Corev1Event>());
        Assert.Equal("shop", created.Metadata.Namespace);
        Assert.Equal(EventRecorder.EventName("web", time.GetUtcNow()), created.Metadata.Name);
        Assert.Matches("^web\\.[0-9a-f]+$", created.Metadata.Name);
        Assert.Equal("apps/v1", created.InvolvedObject.ApiVersion);
        Assert.Equal("StatefulSet", created.InvolvedObject.Kind);
        Assert.Equal("web", created.InvolvedObject.Name);
        Assert.Equal("shop", created.InvolvedObject.Namespace);
        Assert.Equal("uid-web", created.InvolvedObject.Uid);
        Assert.Equal("Normal", created.Type);
        Assert.Equal("ScaledUp", created.Reason);
        Assert.Equal("Scaled to 3 replicas", created.Message);
        Assert.Equal("test-operator", created.Source!.Component);
        Assert.Equal("node-1", created.Source.Host);
        Assert.Equal(1, created.Count);
        Assert.Equal(time.GetUtcNow(), created.FirstTimestamp);
        Assert.Equal(time.GetUtcNow(), created.LastTimestamp);
    }

    [Fact]
    public async Task Repeats_within_the_window_count_on_one_event()
    {
        await using var recorder = CreateRecorder();
        var first = time.GetUtcNow();

        await recorder.RecordAsync(web, EventType.Warning, "InvalidSpec", "spec.replicas must be >= 0");
        await recorder.FlushAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(web, EventType.Warning, "InvalidSpec", "spec.replicas must be >= 0");
        await recorder.FlushAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(web, EventType.Warning, "InvalidSpec", "spec.replicas must be >= 0");
        await recorder.FlushAsync();

        var aggregated = Assert.Single(client.All<Corev1Event>());
        Assert.Equal(3, aggregated.Count);
        Assert.Equal(first, aggregated.FirstTimestamp);
        Assert.Equal(first.AddMinutes(2), aggregated.LastTimestamp);
        Assert.Equal(1, client.Calls.Count(c => c.StartsWith("Create", StringComparison.Ordinal)));
        Assert.Equal(2, client.Calls.Count(c => c.StartsWith("Patch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Concurrent_repeats_are_counted_exactly_on_one_event()
    {
        await using var recorder = CreateRecorder();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => recorder.RecordAsync(web, EventType.Normal, "Synced", "ok"))));
        await recorder.FlushAsync();

        Assert.Equal(20, Assert.Single(client.All<Corev1Event>()).Count);
    }

    [Fact]
    public async Task Different_reason_message_type_or_object_are_separate_events()
    {
        await using var recorder = CreateRecorder();
        var other = new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "api", Namespace = "shop", Uid = "uid-api" } };

        await recorder.RecordAsync(web, EventType.Normal, "Created", "a");
        await recorder.FlushAsync();
        time.Advance(TimeSpan.FromMilliseconds(1));
        await recorder.RecordAsync(web, EventType.Normal, "Created", "b");
        await recorder.FlushAsync();
        time.Advance(TimeSpan.FromMilliseconds(1));
        await recorder.RecordAsync(web, EventType.Normal, "Updated", "a");
        await recorder.FlushAsync();
        time.Advance(TimeSpan.FromMilliseconds(1));
        await recorder.RecordAsync(web, EventType.Warning, "Created", "a");
        await recorder.FlushAsync();
        time.Advance(TimeSpan.FromMilliseconds(1));
        await recorder.RecordAsync(other, EventType.Normal, "Created", "a");
        await recorder.FlushAsync();

        Assert.Equal(5, client.All<Corev1Event>().Count);
        Assert.All(client.All<Corev1Event>(), e => Assert.Equal(1, e.Count));
    }

    [Fact]
    public async Task A_repeat_after_the_window_starts_a_new_event()
    {
        await using var recorder = CreateRecorder();

        await recorder.RecordAsync(web, EventType.Normal, "Synced", "ok");
        await recorder.FlushAsync();
        time.Advance(TimeSpan.FromMinutes(11));
        await recorder.RecordAsync(web, EventType.Normal, "Synced", "ok");
        await recorder.FlushAsync();

        Assert.Equal(2, client.All<Corev1Event>().Count);
    }

    [Fact]
    public async Task An_event_expired_on_the_server_is_recreated()
    {
        await using var recorder = CreateRecorder();
        await recorder.RecordAsync(web, EventType.Normal, "Synced", "ok");
        await recorder.FlushAsync();
        var first = Assert.Single(client.All<Corev1Event>());
        await client.DeleteAsync<Corev1Event>(first.Metadata.Name!, "shop");
        time.Advance(TimeSpan.FromSeconds(5));

        await recorder.RecordAsync(web, EventType.Normal, "Synced", "ok");
        await recorder.FlushAsync();

        var second = Assert.Single(client.All<Corev1Event>());
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
        Assert.Equal(1, second.Count);
    }

    [Fact]
    public async Task Api_failures_are_logged_not_thrown()
    {
        await using var recorder = CreateRecorder();
        client.FailWhen = _ => FakeKubernetesClient.Error(HttpStatusCode.Forbidden, "Forbidden", "events is forbidden");

        await recorder.RecordAsync(web, EventType.Normal, "Synced", "ok");
        await recorder.FlushAsync();

        client.FailWhen = null;
        await recorder.RecordAsync(web, EventType.Normal, "Synced", "ok");
        await recorder.FlushAsync();
        Assert.Single(client.All<Corev1Event>());
    }

    [Fact]
    public async Task Cluster_scoped_objects_get_events_in_default_and_long_messages_are_cut()
    {
        await using var recorder = CreateRecorder();
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop", Uid = "uid-ns" } };

        await recorder.RecordAsync(ns, EventType.Warning, "Oops", new string('x', 5000));
        await recorder.FlushAsync();

        var created = Assert.Single(client.All<Corev1Event>());
        Assert.Equal("default", created.Metadata.Namespace);
        Assert.Null(created.InvolvedObject.Namespace);
        Assert.Equal(EventRecorder.MaxMessageLength, created.Message!.Length);
        Assert.EndsWith("...", created.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_without_a_name_is_a_caller_error()
    {
        await using var recorder = CreateRecorder();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => recorder.RecordAsync(new V1Pod(), EventType.Normal, "X", "y"));
        Assert.Contains("metadata.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_names_and_repeat_patches_have_the_client_go_shape()
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);

        Assert.Equal($"web.{((at - DateTimeOffset.UnixEpoch).Ticks * 100):x}", EventRecorder.EventName("web", at));
        Assert.Equal("{\"count\":4,\"lastTimestamp\":\"2026-03-01T12:00:00Z\"}", EventRecorder.RepeatPatch(4, at));
    }

    private EventRecorder CreateRecorder() =>
        new(client, new EventRecorderOptions { Component = "test-operator", Host = "node-1" }, NullLogger<EventRecorder>.Instance, time);
}
