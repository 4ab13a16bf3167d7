using System.Globalization;
using System.Text;
using VisitCounter.Bench.OperatorScale.Scenario;

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
    /// <param name="results">One result per app count.</param>
    public static string Render(
        string command, DateTimeOffset startedUtc, MachineInfo machine, string loadBefore, string loadAfter,
        ScaleSettings settings, IReadOnlyList<ScaleResult> results)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder();
        text.AppendLine("## Operator scale");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Date: {startedUtc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: nproc {machine.ProcessorCount}, {machine.CpuModel}, {machine.Memory} RAM, {machine.OperatingSystem}; {machine.Runtime}, {machine.GcMode}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Background: load average before {loadBefore}, after {loadAfter}. The machine is shared and heavily loaded by other engineers' builds and tests on the same two cores, so absolute times are pessimistic and vary between runs; write counts do not depend on load.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Setup: one process holds the embedded API server ({(settings.Https ? "HTTPS with bearer token" : "plain HTTP")}, objects fsynced to a temporary data directory, no workload controllers, so no pods run) and the real operator (`OperatorHost`, --max-concurrent-reconciles (workers) {string.Join(" and ", settings.WorkerCounts)}, no leader election, metrics/health endpoints off, log level {settings.OperatorLogLevel}). The operator talks to the server over loopback HTTP like any client; the benchmark creates and patches apps through the server's in-process store (same admission, defaulting and validation path) and counts writes with store watches.");
        text.AppendLine("- Convergence: every app has its StatefulSet with the expected replicas and both Services (each with the app as controller owner) and status.observedGeneration == metadata.generation; polled every 50 ms from the watch-fed view. Times run from the first create/patch to that moment and include writing the N apps.");
        text.AppendLine("- Writes: committed creates/updates/deletes seen by watches, by kind; the benchmark's own app creates and spec patches are excluded. Reconciles: the operator's controller_runtime_reconcile_total.");
        text.AppendLine("- Quiet window reconciles are expected and write nothing: the no-op reconciles that the operator's own child and status writes trigger (still queued when the last app converges), plus the `visits.intervalSeconds` requeue (30 s by default) of every app. An operator write in this window would be a defect.");
        text.AppendLine("- Memory: managed heap = live bytes after a forced full GC; the process also holds the API server and its objects, so the growth column is operator + the server's copies of the new objects, an upper bound for the operator alone. The app counts run one after another in one process (server GC), so a later row's working set 'before' still holds memory the runtime kept from the previous row; the managed heap does not.");
        text.AppendLine();
        text.Append(ResultsTables.Render(results));
        return text.ToString();
    }
}
