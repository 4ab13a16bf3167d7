using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.LocalCluster.Tests.KubeClient.Support;

/// <summary>The real <see cref="Informer{TEntity}"/> of src/Kube running in the background for one namespace.</summary>
public sealed class RunningInformer<TEntity> : IAsyncDisposable
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task run;

    /// <summary>Starts the informer with <paramref name="handler"/> registered before the first list.</summary>
    public RunningInformer(IKubernetesClient client, string @namespace, IInformerEventHandler<TEntity> handler)
    {
        Metrics = new RuntimeMetrics(new MetricsRegistry());
        Informer = new Informer<TEntity>(
            client,
            new InformerOptions { Namespace = @namespace, ListPageSize = 2 },
            NullLogger<Informer<TEntity>>.Instance,
            Metrics);
        Informer.AddEventHandler(handler);
        run = Task.Run(() => Informer.RunAsync(stop.Token));
    }

    /// <summary>The informer under test.</summary>
    public Informer<TEntity> Informer { get; }

    /// <summary>Its metrics (relists, watch errors).</summary>
    public RuntimeMetrics Metrics { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await run;
        stop.Dispose();
    }
}
