using Microsoft.Extensions.DependencyInjection;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Events;
using VisitCounter.Kube.Runtime.Hosting;
using VisitCounter.Kube.Serialization;
using VisitCounter.Kube.Tests.Client;
using VisitCounter.Kube.Tests.Runtime.Support;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Runtime.Events;

/// <summary>The recorder writes through the client keyed <see cref="EventRecorder.ClientServiceKey"/>, with its own token bucket.</summary>
public sealed class EventClientTests
{
    private readonly V1StatefulSet web = new() { Metadata = new V1ObjectMeta { Name = "web", Namespace = "shop", Uid = "uid-web" } };
    private readonly ManualTimeProvider time = new();

    [Fact]
    public async Task A_storm_of_events_waits_on_the_events_bucket_while_reconcile_requests_go_out_at_once()
    {
        await using var server = await FakeApiServer.StartAsync();
        var configuration = new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), Namespace = "shop", Qps = 1, Burst = 3 };
        var json = KubernetesJson.Create(TestJsonContext.Default);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IKubernetesClient>(new KubernetesClient(configuration, json, timeProvider: time));
        services.AddKeyedSingleton<IKubernetesClient>(EventRecorder.ClientServiceKey, new KubernetesClient(configuration.WithRateLimit(qps: 1, burst: 1), json, timeProvider: time));
        services.AddKubernetesOperator();

        // Disposed synchronously: the recorder then abandons what waits on the frozen clock instead of flushing it.
        using var provider = services.BuildServiceProvider();
        var recorder = provider.GetRequiredService<IEventRecorder>();
        var reconcileClient = provider.GetRequiredService<IKubernetesClient>();

        for (var i = 0; i < 20; i++)
        {
            await recorder.RecordAsync(web, EventType.Normal, $"Storm{i}", "m");
        }

        await Eventually.True(() => time.PendingTimers > 0, "the second event waits for the events' bucket");
        for (var i = 0; i < 3; i++)
        {
            await reconcileClient.ListAsync<V1Pod>("shop").WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, server.Requests.Count(r => r.Method == "POST" && r.Path.Contains("/events", StringComparison.Ordinal)));
        Assert.Equal(3, server.Requests.Count(r => r.Method == "GET" && r.Path.Contains("/pods", StringComparison.Ordinal)));
    }
}
