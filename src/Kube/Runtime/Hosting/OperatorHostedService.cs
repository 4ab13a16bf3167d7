using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.LeaderElection;
using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>
/// The manager: starts the informers, waits for their caches, campaigns for leadership when enabled, and runs the
/// controllers while it may. On shutdown it stops taking work, lets in-flight reconciles finish within the grace period,
/// releases the lease, and stops the informers, in that order.
/// </summary>
internal sealed partial class OperatorHostedService(
    IServiceProvider services,
    ManagerOptions options,
    InformerFactory informers,
    IEnumerable<ControllerRegistration> registrations,
    IEnumerable<InformerRegistration> caches,
    OperatorHealth health,
    IKubernetesClient client,
    RuntimeMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private readonly ILogger logger = loggerFactory.CreateLogger<OperatorHostedService>();
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource hardAbort = new();
    private IReadOnlyList<IManagedController> controllers = [];
    private Task? run;
    private volatile bool shuttingDown;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Controllers subscribe to their informers before the first list, so every existing object is enqueued once.
        controllers = [.. registrations.Select(r => r.Create(services))];
        foreach (var cache in caches)
        {
            cache.Create(informers);
        }

        LeaderElector? elector = null;
        if (options.LeaderElection.Enabled)
        {
            elector = new LeaderElector(client, options.LeaderElection, options.LeaseNamespace, loggerFactory.CreateLogger<LeaderElector>(), metrics, time);
        }

        informers.Start();
        run = Task.Run(() => RunAsync(elector, stopping.Token), CancellationToken.None);
        health.Started(run, elector is null ? null : () => elector.IsLeader);
        LogStarted(logger, controllers.Count, options.Namespace ?? "(all)", options.LeaderElection.Enabled);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (run is null)
        {
            return;
        }

        shuttingDown = true;
        await stopping.CancelAsync();

        // The host's own shutdown timeout outranks our grace period: when it fires, cancel everything at once.
        await using (cancellationToken.Register(hardAbort.Cancel))
        {
            try
            {
                await run.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogShutdownTimedOut(logger);
            }
        }

        await informers.StopAsync();
        LogStopped(logger);
    }

    public void Dispose()
    {
        stopping.Dispose();
        hardAbort.Dispose();
    }

    private async Task RunAsync(LeaderElector? elector, CancellationToken cancellationToken)
    {
        try
        {
            await informers.WaitForCacheSyncAsync(cancellationToken);
            LogSynced(logger);
            if (elector is null)
            {
                await RunControllersAsync(cancellationToken);
            }
            else
            {
                await elector.RunAsync(RunControllersAsync, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown before the caches synced.
        }
    }

    private async Task RunControllersAsync(CancellationToken running)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(hardAbort.Token);
        await using var onStop = running.Register(() =>
        {
            // Lost leadership: another replica may already be reconciling, so stop at once.
            // Shutdown: give in-flight reconciles the grace period to finish their writes.
            if (shuttingDown)
            {
                abort.CancelAfter(options.GracefulShutdownTimeout);
            }
            else
            {
                abort.Cancel();
            }
        });
        await Task.WhenAll(controllers.Select(c => c.RunAsync(running, abort.Token)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator starting {Controllers} controllers, namespace {Namespace}, leader election {LeaderElection}")]
    private static partial void LogStarted(ILogger logger, int controllers, string @namespace, bool leaderElection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Informer caches synced")]
    private static partial void LogSynced(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timed out; reconciles still running were cancelled")]
    private static partial void LogShutdownTimedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator stopped")]
    private static partial void LogStopped(ILogger logger);
}
