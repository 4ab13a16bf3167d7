using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.Bench.OperatorScale.Hosting;
using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.LocalCluster.ApiServer.Objects;

namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>
/// One measured run for one app count: fresh cluster, operator in process, N apps created at once, convergence,
/// a quiet window, a spec change on every app, convergence again. Apps are written through the server's in-process
/// store (the same code path as HTTP), so the benchmark's own traffic does not compete with the operator's sockets.
/// </summary>
public sealed class ScaleScenario(ScaleSettings settings, ILoggerFactory loggerFactory, TextWriter progress)
{
    private const int InitialReplicas = 1;
    private const int ChangedReplicas = 2;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // The operator's informers list and open their watches right after the host starts; creating apps before that
    // would time the informers' start-up rather than the reconcile work.
    private static readonly TimeSpan OperatorWarmUp = TimeSpan.FromSeconds(1);

    /// <summary>Runs the scenario for <paramref name="apps"/> apps with an operator of <paramref name="workers"/> workers.</summary>
    public async Task<ScaleResult> RunAsync(int apps, int workers, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchCluster.StartAsync(settings.Https, loggerFactory, cancellationToken);
        var store = cluster.Server.Store;
        await using var observer = ClusterObserver.Start(store, settings.Namespace);
        var beforeOperator = MemorySample.Take();

        await using var op = await InProcessOperator.StartAsync(
            cluster.Server.KubeconfigPath, workers, settings.OperatorLogLevel, cancellationToken);
        await Task.Delay(OperatorWarmUp, cancellationToken);

        Report($"{apps} apps, {workers} workers: creating");
        var create = await MeasurePhaseAsync(
            observer, op, apps, InitialReplicas, ct => CreateAppsAsync(store, apps, ct), cancellationToken);
        Report($"{apps} apps: {create.Converged}/{apps} converged in {create.Duration.TotalSeconds:0.00} s, {create.Reconciles} reconciles");
        var afterConvergence = MemorySample.Take();

        Report($"{apps} apps: counting writes for {settings.SteadyWindow.TotalSeconds:0} s of steady state");
        var steady = await MeasureQuietAsync(observer, op, InitialReplicas, cancellationToken);
        Report($"{apps} apps: {steady.Writes.OperatorWrites} operator writes, {steady.Reconciles} reconciles in the steady window");

        PhaseResult? specChange = null;
        if (create.Converged == apps)
        {
            Report($"{apps} apps: replicas {InitialReplicas} -> {ChangedReplicas} on every app");
            specChange = await MeasurePhaseAsync(
                observer, op, apps, ChangedReplicas, ct => ScaleAppsAsync(store, apps, ChangedReplicas, ct), cancellationToken);
            Report($"{apps} apps: {specChange.Converged}/{apps} re-converged in {specChange.Duration.TotalSeconds:0.00} s");
        }

        return new ScaleResult(apps, workers, create, steady, specChange, beforeOperator, afterConvergence);
    }

    /// <summary>The name of the i-th app (zero-padded so listings sort).</summary>
    public static string AppName(int index) => $"bench-{index.ToString("D4", CultureInfo.InvariantCulture)}";

    private async Task<PhaseResult> MeasurePhaseAsync(
        ClusterObserver observer, InProcessOperator op, int apps, int replicas, Func<CancellationToken, Task> trigger, CancellationToken cancellationToken)
    {
        var writesBefore = observer.Writes;
        var reconcilesBefore = op.Reconciles;
        var clock = Stopwatch.StartNew();
        await trigger(cancellationToken);

        var converged = 0;
        while (clock.Elapsed < settings.ConvergenceTimeout)
        {
            converged = Convergence.CountConverged(observer.Apps(), replicas);
            if (converged == apps)
            {
                break;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        var duration = clock.Elapsed;
        return new PhaseResult(converged, duration, op.Reconciles - reconcilesBefore, observer.Writes.Since(writesBefore));
    }

    private async Task<PhaseResult> MeasureQuietAsync(ClusterObserver observer, InProcessOperator op, int replicas, CancellationToken cancellationToken)
    {
        var writesBefore = observer.Writes;
        var reconcilesBefore = op.Reconciles;
        var clock = Stopwatch.StartNew();
        await Task.Delay(settings.SteadyWindow, cancellationToken);
        var converged = Convergence.CountConverged(observer.Apps(), replicas);
        return new PhaseResult(converged, clock.Elapsed, op.Reconciles - reconcilesBefore, observer.Writes.Since(writesBefore));
    }

    private Task CreateAppsAsync(IObjectStore store, int apps, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, apps).Select(i => store.CreateAsync(
            WriteClassifier.VisitCounterApps,
            AppManifest(AppName(i), settings.Namespace, InitialReplicas),
            new WriteOptions(FieldManager: "operator-bench"),
            cancellationToken)));

    private Task ScaleAppsAsync(IObjectStore store, int apps, int replicas, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, apps).Select(i => store.PatchAsync(
            WriteClassifier.VisitCounterApps,
            settings.Namespace,
            AppName(i),
            PatchType.Merge,
            new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } },
            new WriteOptions(FieldManager: "operator-bench"),
            cancellationToken: cancellationToken)));

    /// <summary>The smallest valid app: everything but the replica count comes from the CRD's defaults.</summary>
    private static JsonObject AppManifest(string name, string ns, int replicas) => new()
    {
        ["apiVersion"] = WriteClassifier.VisitCounterApps.ApiVersion,
        ["kind"] = "VisitCounterApp",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["replicas"] = replicas },
    };

    private void Report(string line)
    {
        progress.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
        progress.Flush();
    }
}
