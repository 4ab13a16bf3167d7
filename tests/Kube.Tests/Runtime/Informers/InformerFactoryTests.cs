using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Tests.Runtime.Support;

namespace VisitCounter.Kube.Tests.Runtime.Informers;

public sealed class InformerFactoryTests
{
    private readonly FakeKubernetesClient client = new();

    [Fact]
    public async Task One_informer_per_kind_namespaced_kinds_scoped_and_cluster_kinds_not()
    {
        await using var factory = new InformerFactory(client, "shop", NullLoggerFactory.Instance, new RuntimeMetrics(new MetricsRegistry()));

        Assert.Same(factory.GetInformer<V1Pod>(), factory.GetInformer<V1Pod>());
        factory.GetInformer<V1Namespace>();
        factory.Start();
        await factory.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains("List V1Pod shop", client.Calls);
        Assert.Contains("List V1Namespace", client.Calls);
        Assert.True(factory.HasSynced);
        await factory.StopAsync();
    }

    [Fact]
    public async Task An_informer_requested_after_start_starts_at_once_and_gates_sync()
    {
        client.FailWhen = call => call.StartsWith("List V1Service", StringComparison.Ordinal)
            ? FakeKubernetesClient.Error(HttpStatusCode.Forbidden, "Forbidden")
            : null;
        await using var factory = new InformerFactory(client, null, NullLoggerFactory.Instance, new RuntimeMetrics(new MetricsRegistry()));
        factory.GetInformer<V1Pod>();
        factory.Start();
        await factory.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        var services = factory.GetInformer<V1Service>();
        await Eventually.True(() => client.Calls.Contains("List V1Service"), "the late informer to list");

        Assert.False(services.HasSynced);
        Assert.False(factory.HasSynced);
        Assert.Equal(["V1Service"], factory.UnsyncedKinds);
        await factory.StopAsync();
    }
}
