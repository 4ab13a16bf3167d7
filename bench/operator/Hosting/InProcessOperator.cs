using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Operator.Hosting;

namespace VisitCounter.Bench.OperatorScale.Hosting;

/// <summary>
/// The real operator (<see cref="OperatorHost"/>) running in this process against a kubeconfig: same client,
/// controller runtime and controller as <c>visitcounter-operator run</c>, with metrics and health endpoints off and
/// leader election off. Reconcile counts come from its own <c>controller_runtime_reconcile_total</c>.
/// </summary>
public sealed class InProcessOperator : IAsyncDisposable
{
    private const string ReconcileTotal = "controller_runtime_reconcile_total";

    private readonly WebApplication app;
    private readonly MetricsRegistry metrics;
    private int disposed;

    private InProcessOperator(WebApplication app)
    {
        this.app = app;
        metrics = app.Services.GetRequiredService<MetricsRegistry>();
    }

    /// <summary>Reconciliations finished so far (every result).</summary>
    public long Reconciles => (long)PrometheusText.SumCounter(metrics.Render(), ReconcileTotal);

    /// <summary>Builds and starts the operator; returns once its host has started (informers begin syncing).</summary>
    /// <param name="kubeconfigPath">The cluster to reconcile against.</param>
    /// <param name="maxConcurrentReconciles">The operator's <c>--max-concurrent-reconciles</c>.</param>
    /// <param name="logLevel">Minimum level of the operator's console log (see README: one line per reconcile).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<InProcessOperator> StartAsync(string kubeconfigPath, int maxConcurrentReconciles, string logLevel, CancellationToken cancellationToken)
    {
        // OperatorHost builds its own logging from the host configuration; the environment is that configuration's
        // only input we can reach without changing the operator, and this process is the benchmark's own.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", logLevel);
        var options = new OperatorOptions
        {
            Kubeconfig = kubeconfigPath,
            MaxConcurrentReconciles = maxConcurrentReconciles,
            LeaderElect = false,
            MetricsBindAddress = null,
            HealthProbeBindAddress = null,
        };
        var app = OperatorHost.Build(options, OperatorHost.ResolveConfiguration(options));
        try
        {
            await app.StartAsync(cancellationToken);
            return new InProcessOperator(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the operator gracefully (in-flight reconciles finish or are cancelled) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await app.StopAsync(timeout.Token);
        }

        await app.DisposeAsync();
    }
}
