using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.Bench.OperatorScale.Hosting;
using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.Bench.OperatorScale.Requests;
using VisitCounter.Bench.OperatorScale.Traffic;
using VisitCounter.LocalCluster.ApiServer.Objects;

namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>
/// One measured run for one app count: a fresh local cluster, the operator as its own process, N apps created at once
/// with no pods (replicas 0) until converged and settled, then T of them (created with a NodePort Service and a short
/// visits interval) given pods, a quiet window, a window with wrk traffic on those T apps, and the exact-sum check. Apps are
/// written through the server's in-process store, so the server's <c>/metrics</c> count the operator's requests only.
/// </summary>
public sealed class ScaleScenario(ScaleSettings settings, ILoggerFactory loggerFactory, TextWriter progress)
{
    private const int AppPort = 8080;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs the scenario for <paramref name="apps"/> apps.</summary>
    public async Task<ScaleResult> RunAsync(int apps, int run, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchCluster.StartAsync(settings.Https, loggerFactory, cancellationToken);
        using var scraper = new ApiServerScraper(cluster.Server);
        await using var observer = ClusterObserver.Start(cluster.Store, settings.Namespace);
        await using var op = await OperatorProcess.StartAsync(
            settings.OperatorCommand, cluster.Server.KubeconfigPath, settings.OperatorArguments, settings.OperatorLogLevel,
            Path.Combine(cluster.DataDirectory, "operator.log"), ReadyTimeout, cancellationToken);
        var memoryReady = op.Memory();
        var store = cluster.Store;

        Report($"{apps} apps, run {run}: operator pid {op.Id} ready; creating apps (replicas 0)");
        var convergence = await ConvergeAsync(observer, scraper, op, apps, ct => CreateAppsAsync(store, apps, ct), cancellationToken);
        Report($"{apps} apps: {convergence.Converged}/{apps} converged in {convergence.ToConverged.TotalSeconds:0.0} s, settled at {convergence.ToSettled.TotalSeconds:0.0} s, {convergence.Requests.Total} requests, {convergence.Reconciles} reconciles");
        var memoryConverged = op.Memory();

        var trafficApps = Enumerable.Range(0, Math.Min(settings.TrafficApps, apps)).Select(AppName).ToList();
        TimeSpan? prepared = null;
        if (trafficApps.Count > 0 && convergence.Converged == apps)
        {
            Report($"{apps} apps: {trafficApps.Count} apps (NodePort Service, visits every {settings.VisitsIntervalSeconds} s) get {settings.TrafficReplicas} pods each");
            prepared = await PrepareTrafficAppsAsync(store, observer, scraper, trafficApps, cancellationToken);
            Report(prepared is { } p ? $"{apps} apps: traffic apps ready and settled after {p.TotalSeconds:0.0} s" : $"{apps} apps: traffic apps did not get ready; no traffic phase");
        }

        Report($"{apps} apps: quiet window of {settings.QuietWindow.TotalSeconds:0} s");
        var quiet = await MeasureWindowAsync(observer, scraper, op, ct => Task.Delay(settings.QuietWindow, ct), cancellationToken);
        Report($"{apps} apps: quiet window: {quiet.Requests.Writes} writes, {quiet.Requests.VisitsReads} visits reads, {quiet.Requests.OtherReads} other reads");
        var memoryQuiet = op.Memory();

        TrafficResult? traffic = null;
        long? memoryTraffic = null;
        if (prepared is { } preparation)
        {
            traffic = await MeasureTrafficAsync(store, observer, scraper, op, trafficApps, preparation, cancellationToken);
            memoryTraffic = op.Memory()?.RssBytes;
            Report($"{apps} apps: traffic window: {traffic.WrkRequests} wrk requests, {traffic.Window.Requests.Writes} writes, sum check {traffic.SumCheck.Matched}/{traffic.SumCheck.Apps}");
        }

        var memoryEnd = op.Memory();
        return new ScaleResult(
            apps, run, op.CommandLine, convergence, quiet, traffic,
            new MemoryReadings(memoryReady?.RssBytes ?? 0, memoryConverged?.RssBytes ?? 0, memoryQuiet?.RssBytes ?? 0, memoryTraffic, memoryEnd?.PeakRssBytes ?? 0));
    }

    /// <summary>The name of the i-th app (zero-padded so listings sort).</summary>
    public static string AppName(int index) => $"bench-{index.ToString("D4", CultureInfo.InvariantCulture)}";

    private async Task<ConvergenceResult> ConvergeAsync(
        ClusterObserver observer, ApiServerScraper scraper, OperatorProcess op, int apps, Func<CancellationToken, Task> trigger, CancellationToken cancellationToken)
    {
        var requestsBefore = await scraper.ScrapeAsync(cancellationToken);
        var writesBefore = observer.Writes;
        var reconcilesBefore = await op.ReconcilesAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await trigger(cancellationToken);

        var converged = 0;
        while (clock.Elapsed < settings.ConvergenceTimeout)
        {
            converged = Convergence.CountConverged(observer.Apps(), expectedReplicas: 0);
            if (converged == apps)
            {
                break;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        var toConverged = clock.Elapsed;
        var (requests, settledAt) = await SettleAsync(scraper, clock, requestsBefore, settings.SettleTime, cancellationToken);
        return new ConvergenceResult(
            converged, toConverged, settledAt, await op.ReconcilesAsync(cancellationToken) - reconcilesBefore,
            requests.Since(requestsBefore), observer.Writes.Since(writesBefore));
    }

    /// <summary>
    /// Waits until the operator's write count has not moved for <paramref name="still"/> (at most the convergence
    /// timeout) and returns the last scrape and when, on <paramref name="clock"/>, the writes last moved.
    /// </summary>
    private async Task<(RequestCounts Requests, TimeSpan SettledAt)> SettleAsync(
        ApiServerScraper scraper, Stopwatch clock, RequestCounts start, TimeSpan still, CancellationToken cancellationToken)
    {
        var deadline = clock.Elapsed + settings.ConvergenceTimeout;
        var last = await scraper.ScrapeAsync(cancellationToken);
        var lastChange = last.Writes == start.Writes ? TimeSpan.Zero : clock.Elapsed;
        while (clock.Elapsed - lastChange < still && clock.Elapsed < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = await scraper.ScrapeAsync(cancellationToken);
            if (now.Writes != last.Writes)
            {
                lastChange = clock.Elapsed;
            }

            last = now;
        }

        return (last, lastChange);
    }

    private async Task<TimeSpan?> PrepareTrafficAppsAsync(
        IObjectStore store, ClusterObserver observer, ApiServerScraper scraper, IReadOnlyList<string> trafficApps, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var before = await scraper.ScrapeAsync(cancellationToken);
        await Task.WhenAll(trafficApps.Select(app => store.PatchAsync(
            WriteClassifier.VisitCounterApps, settings.Namespace, app, PatchType.Merge, TrafficSpec(), new WriteOptions(FieldManager: "operator-bench"),
            cancellationToken: cancellationToken)));
        var names = trafficApps.ToHashSet(StringComparer.Ordinal);
        while (clock.Elapsed < settings.ConvergenceTimeout)
        {
            var ready = observer.Apps().Count(a => names.Contains(a.Name) && a.ObservedGeneration == a.Generation && a.ReadyReplicas == settings.TrafficReplicas);
            if (ready == trafficApps.Count)
            {
                // Ready pods get their first visits read within one interval, and that may write the status once more.
                await SettleAsync(scraper, clock, before, settings.SettleTime + TimeSpan.FromSeconds(settings.VisitsIntervalSeconds), cancellationToken);
                return clock.Elapsed;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return null;
    }

    private async Task<WindowResult> MeasureWindowAsync(
        ClusterObserver observer, ApiServerScraper scraper, OperatorProcess op, Func<CancellationToken, Task> during, CancellationToken cancellationToken)
    {
        var requestsBefore = await scraper.ScrapeAsync(cancellationToken);
        var writesBefore = observer.Writes;
        var statusBefore = observer.StatusWritesByApp();
        var reconcilesBefore = await op.ReconcilesAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await during(cancellationToken);
        var duration = clock.Elapsed;
        var requests = (await scraper.ScrapeAsync(cancellationToken)).Since(requestsBefore);
        return new WindowResult(
            duration, await op.ReconcilesAsync(cancellationToken) - reconcilesBefore, requests, observer.Writes.Since(writesBefore),
            StatusWriteRate.Since(observer.StatusWritesByApp(), statusBefore));
    }

    private async Task<TrafficResult> MeasureTrafficAsync(
        IObjectStore store, ClusterObserver observer, ApiServerScraper scraper, OperatorProcess op, IReadOnlyList<string> trafficApps,
        TimeSpan prepared, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var pods = new PodVisits(store, settings.Namespace, http);
        var targets = trafficApps.Select(app => pods.NodePort(app) is { } port
            ? new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/")
            : throw new InvalidOperationException($"The client Service of {app} has no node port.")).ToList();

        Report($"traffic: wrk -t1 -c{settings.WrkConnections} for {settings.TrafficWindow.TotalSeconds:0} s on {targets.Count} node ports");
        var summaries = new List<WrkSummary>();
        var window = await MeasureWindowAsync(observer, scraper, op, async ct =>
            summaries.AddRange(await Task.WhenAll(targets.Select(url => WrkRunner.RunAsync(settings.Wrk, url, settings.WrkConnections, settings.TrafficWindow, ct)))),
            cancellationToken);
        var statusWrites = window.StatusWrites;
        var sumCheck = await CheckSumsAsync(observer, pods, trafficApps, cancellationToken);
        var traffic = trafficApps.ToHashSet(StringComparer.Ordinal);
        return new TrafficResult(
            window,
            prepared,
            summaries.Sum(s => s.Requests),
            summaries.Sum(s => s.NonSuccess + s.SocketErrors),
            trafficApps.ToDictionary(app => app, app => statusWrites.GetValueOrDefault(app), StringComparer.Ordinal),
            statusWrites.Where(p => !traffic.Contains(p.Key)).Sum(p => p.Value),
            sumCheck);
    }

    /// <summary>
    /// Traffic has stopped, so each pod's count is final: read them once, then wait (at most three visits intervals)
    /// until every app's status.visits equals the sum of its pods.
    /// </summary>
    private async Task<SumCheck> CheckSumsAsync(ClusterObserver observer, PodVisits pods, IReadOnlyList<string> trafficApps, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var wait = TimeSpan.FromSeconds(3 * settings.VisitsIntervalSeconds);
        var expected = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var app in trafficApps)
        {
            expected[app] = await pods.SumAsync(app, AppPort, cancellationToken);
        }

        var matched = 0;
        while (true)
        {
            var status = observer.Apps().ToDictionary(a => a.Name, a => a.Visits, StringComparer.Ordinal);
            matched = trafficApps.Count(app => expected[app] is { } sum && status.GetValueOrDefault(app) == sum);
            if (matched == trafficApps.Count)
            {
                return new SumCheck(matched, trafficApps.Count, clock.Elapsed, wait);
            }

            if (clock.Elapsed >= wait)
            {
                return new SumCheck(matched, trafficApps.Count, null, wait);
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private Task CreateAppsAsync(IObjectStore store, int apps, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, apps).Select(i => store.CreateAsync(
            WriteClassifier.VisitCounterApps,
            AppManifest(AppName(i), settings.Namespace, traffic: i < settings.TrafficApps),
            new WriteOptions(FieldManager: "operator-bench"),
            cancellationToken)));

    /// <summary>
    /// An app without pods: everything but the replica count comes from the CRD's defaults. A traffic app is created
    /// in its final shape already (pods started in parallel, as the benchmark measures the operator and not ordered
    /// start-up; a node port for wrk; the short visits interval), so giving it pods later changes only replicas:
    /// podManagementPolicy of a StatefulSet cannot change after creation.
    /// </summary>
    private JsonObject AppManifest(string name, string ns, bool traffic)
    {
        var spec = new JsonObject { ["replicas"] = 0 };
        if (traffic)
        {
            spec["podManagementPolicy"] = "Parallel";
            spec["service"] = new JsonObject { ["type"] = "NodePort" };
            spec["visits"] = new JsonObject { ["intervalSeconds"] = settings.VisitsIntervalSeconds };
        }

        return new JsonObject
        {
            ["apiVersion"] = WriteClassifier.VisitCounterApps.ApiVersion,
            ["kind"] = "VisitCounterApp",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        };
    }

    private JsonObject TrafficSpec() => new() { ["spec"] = new JsonObject { ["replicas"] = settings.TrafficReplicas } };

    private void Report(string line)
    {
        progress.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
        progress.Flush();
    }
}
