using System.Globalization;
using System.Text;
using VisitCounter.Bench.OperatorScale.Scenario;
using VisitCounter.Operator;

namespace VisitCounter.Bench.OperatorScale.Reporting;

/// <summary>The "## Operator scale" section of bench/RESULTS.md: how it was run, where, and what came out.</summary>
public static class ResultsSection
{
    /// <summary>Renders the whole section.</summary>
    /// <param name="command">The command line that produced it.</param>
    /// <param name="startedUtc">When the run started.</param>
    /// <param name="machine">The machine.</param>
    /// <param name="loadBefore">Load averages when the run started.</param>
    /// <param name="loadAfter">Load averages when it ended.</param>
    /// <param name="settings">The run's settings.</param>
    /// <param name="results">One result per run.</param>
    /// <param name="note">A line about the run (e.g. the operator's commit), or null.</param>
    public static string Render(
        string command, DateTimeOffset startedUtc, MachineInfo machine, string loadBefore, string loadAfter,
        ScaleSettings settings, IReadOnlyList<ScaleResult> results, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(results);
        var operatorCommand = results.Count > 0 ? results[0].OperatorCommandLine : string.Join(' ', settings.OperatorCommand);
        var text = new StringBuilder();
        text.AppendLine("## Operator scale");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Date: {startedUtc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: nproc {machine.ProcessorCount}, {machine.CpuModel}, {machine.Memory} RAM, {machine.OperatingSystem}; {machine.Runtime}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Background: load average (1/5/15 min) before {loadBefore}, after {loadAfter}. The two cores are shared with other engineers' builds and tests, so times are pessimistic and vary between runs; request counts depend far less on load.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Setup: the benchmark process holds the local API server ({(settings.Https ? "HTTPS with bearer token" : "plain HTTP")}, objects fsynced to a temporary directory) and its workload controllers (StatefulSet controller, kubelet stand-in running counter-app pods as processes, service proxy). The operator runs as its own process: `{operatorCommand}` (log level {settings.OperatorLogLevel}; its defaults otherwise: --max-concurrent-reconciles {OperatorDefaults.MaxConcurrentReconciles} --kube-api-qps {OperatorDefaults.KubeApiQps} --kube-api-burst {OperatorDefaults.KubeApiBurst} --kube-api-events-qps {OperatorDefaults.KubeApiEventsQps} --kube-api-events-burst {OperatorDefaults.KubeApiEventsBurst}, unless the command line above sets them). The benchmark writes apps through the server's in-process store, so `/metrics` counts the operator's requests only (the benchmark's own `/metrics` scrapes are left out).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Apps: all N are created at once with `replicas: 0` (everything else defaulted), so the N-app convergence measures the operator's work for N cached and converged apps without N pods (1000 counter-app processes do not fit on 2 cores). The first {settings.TrafficApps} are created with a NodePort Service, `podManagementPolicy: Parallel` and `visits.intervalSeconds: {settings.VisitsIntervalSeconds}`; after convergence they are scaled to {settings.TrafficReplicas} pods and the benchmark waits for readyReplicas == {settings.TrafficReplicas} and for the operator's writes to settle.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Windows: quiet {settings.QuietWindow.TotalSeconds:0} s, then traffic {settings.TrafficWindow.TotalSeconds:0} s with one `wrk -t1 -c{settings.WrkConnections}` per traffic app on its node port. Status writes per app are counted from store watches (a write of a VisitCounterApp that leaves its generation alone); requests come from `apiserver_request_total` scraped before and after each phase. Settled = the write count did not move for {settings.SettleTime.TotalSeconds:0} s.");
        if (!string.IsNullOrWhiteSpace(note))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Note: {note}");
        }

        text.AppendLine("- Reading the counts: visits reads are CONNECT pods/proxy (the operator is outside the cluster, so it reads /visits through the API server's pod proxy). A request is counted when it ends, so a WATCH shows up when an informer's watch closes and is re-opened, not while it is open.");
        text.AppendLine();
        text.Append(ResultsTables.Render(results, TimeSpan.FromSeconds(settings.VisitsIntervalSeconds)));
        return text.ToString();
    }
}
