using System.Globalization;
using System.Text;
using VisitCounter.Bench.OperatorScale.Observation;
using VisitCounter.Bench.OperatorScale.Scenario;

namespace VisitCounter.Bench.OperatorScale.Reporting;

/// <summary>Renders results as Markdown tables: convergence, steady state and spec change, memory.</summary>
public static class ResultsTables
{
    private const double MiB = 1024 * 1024;

    /// <summary>The three tables, separated by blank lines.</summary>
    public static string Render(IReadOnlyList<ScaleResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine("Create N apps at once -> every app has its StatefulSet, both Services and observedGeneration == generation:");
        text.AppendLine();
        text.AppendLine("| apps | workers | converged | time s | reconciles | reconciles/s | operator writes/app | StatefulSet / Service / status / Event per app |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(Row(
                Int(r.Apps), Int(r.MaxConcurrentReconciles), $"{Int(r.Create.Converged)}/{Int(r.Apps)}", Seconds(r.Create.Duration),
                Int(r.Create.Reconciles), Number(r.Create.ReconcilesPerSecond, "0.0"), PerApp(r.Create.Writes.OperatorWrites, r.Apps),
                ByKind(r.Create.Writes, r.Apps)));
        }

        text.AppendLine();
        text.AppendLine("After convergence: a quiet window (expected: 0 operator writes; no pods, so no visits to collect), then replicas 1 -> 2 on every app:");
        text.AppendLine();
        text.AppendLine("| apps | workers | quiet window s | operator writes | reconciles | reconciles/app | re-converged | re-converge s | reconciles | reconciles/s | operator writes/app | StatefulSet / Service / status / Event per app |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var change = r.SpecChange;
            text.AppendLine(Row(
                Int(r.Apps), Int(r.MaxConcurrentReconciles), Seconds(r.Steady.Duration, "0"), Int(r.Steady.Writes.OperatorWrites), Int(r.Steady.Reconciles),
                r.Apps == 0 ? "-" : Number((double)r.Steady.Reconciles / r.Apps, "0.00"),
                change is null ? "not run" : $"{Int(change.Converged)}/{Int(r.Apps)}",
                change is null ? "-" : Seconds(change.Duration),
                change is null ? "-" : Int(change.Reconciles),
                change is null ? "-" : Number(change.ReconcilesPerSecond, "0.0"),
                change is null ? "-" : PerApp(change.Writes.OperatorWrites, r.Apps),
                change is null ? "-" : ByKind(change.Writes, r.Apps)));
        }

        text.AppendLine();
        text.AppendLine("Process memory (API server + operator share the process; 'before' = server with the CRD, operator not started):");
        text.AppendLine();
        text.AppendLine("| apps | workers | managed heap before MiB | managed heap after convergence MiB | heap growth MiB | working set before MiB | working set after MiB |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(Row(
                Int(r.Apps),
                Int(r.MaxConcurrentReconciles),
                Number(r.BeforeOperator.ManagedHeapBytes / MiB, "0.0"),
                Number(r.AfterConvergence.ManagedHeapBytes / MiB, "0.0"),
                Number((r.AfterConvergence.ManagedHeapBytes - r.BeforeOperator.ManagedHeapBytes) / MiB, "0.0"),
                Number(r.BeforeOperator.WorkingSetBytes / MiB, "0"),
                Number(r.AfterConvergence.WorkingSetBytes / MiB, "0")));
        }

        return text.ToString();
    }

    /// <summary>Writes of each operator kind divided by the app count, e.g. <c>1.00 / 2.00 / 1.02 / 3.00</c>.</summary>
    public static string ByKind(WriteTally writes, int apps)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return string.Join(" / ", new[] { WriteKind.StatefulSet, WriteKind.Service, WriteKind.AppStatus, WriteKind.Event }
            .Select(kind => PerApp(writes[kind], apps)));
    }

    private static string PerApp(long writes, int apps) => apps == 0 ? "-" : Number((double)writes / apps, "0.00");

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration, string format = "0.00") => Number(duration.TotalSeconds, format);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
