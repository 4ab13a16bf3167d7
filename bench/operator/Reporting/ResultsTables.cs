using System.Globalization;
using System.Text;
using VisitCounter.Bench.OperatorScale.Requests;
using VisitCounter.Bench.OperatorScale.Scenario;

namespace VisitCounter.Bench.OperatorScale.Reporting;

/// <summary>Renders results as Markdown tables: convergence, the quiet and traffic windows, requests in detail, memory.</summary>
public static class ResultsTables
{
    private const double MiB = 1024 * 1024;

    /// <summary>Every table, separated by blank lines; <paramref name="visitsInterval"/> is the traffic apps' interval.</summary>
    public static string Render(IReadOnlyList<ScaleResult> results, TimeSpan visitsInterval)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine("**Convergence**: create N apps at once (replicas 0) -> every app has its StatefulSet, both Services and observedGeneration == generation; settled = the operator's last write. Medians over runs, each run in brackets. Requests from the API server's `apiserver_request_total`:");
        text.AppendLine();
        text.AppendLine("| apps | converged | converged s | settled s | reconciles | requests | requests/app | " + string.Join(" | ", RequestVerbs.All) + " |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|" + string.Concat(RequestVerbs.All.Select(_ => "---:|")));
        foreach (var group in results.GroupBy(r => r.Apps))
        {
            var runs = group.ToList();
            var apps = group.Key;
            text.AppendLine(Row(
                [
                    Int(apps),
                    string.Join(", ", runs.Select(r => $"{Int(r.Convergence.Converged)}/{Int(apps)}")),
                    MedianOf(runs, r => r.Convergence.ToConverged.TotalSeconds, "0.0"),
                    MedianOf(runs, r => r.Convergence.ToSettled.TotalSeconds, "0.0"),
                    MedianOf(runs, r => r.Convergence.Reconciles, "0"),
                    MedianOf(runs, r => r.Convergence.Requests.Total, "0"),
                    Number(Median.Of(runs.Select(r => (double)r.Convergence.Requests.Total)) / apps, "0.00"),
                    .. RequestVerbs.All.Select(verb => Number(Median.Of(runs.Select(r => (double)r.Convergence.Requests.OfVerb(verb))), "0")),
                ]));
        }

        text.AppendLine();
        text.AppendLine("**Quiet window** (no traffic; the traffic apps' pods run, so their visits are read): target 0 writes and no reads but visits reads (CONNECT pods/proxy):");
        text.AppendLine();
        text.AppendLine("| apps | run | window s | writes | apps with status writes | visits reads | other reads | reconciles | requests by verb and target |");
        text.AppendLine("|---:|---:|---:|---:|---|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(Row(
                Int(r.Apps), Int(r.Run), Seconds(r.Quiet.Duration), Int(r.Quiet.Requests.Writes), StatusWriters(r.Quiet),
                Int(r.Quiet.Requests.VisitsReads), Int(r.Quiet.Requests.OtherReads), Int(r.Quiet.Reconciles), Detail(r.Quiet.Requests)));
        }

        text.AppendLine();
        text.AppendLine($"**Traffic window** (wrk through the NodePort Services of the traffic apps; visits interval {Number(visitsInterval.TotalSeconds, "0")} s): target at most one status write per app per interval; sum check = status.visits equals the sum of the pods' /visits after traffic stops:");
        text.AppendLine();
        text.AppendLine("| apps | run | window s | wrk requests | wrk failures | status writes per traffic app (min / median / max) | max writes per app per interval | other apps' status writes | child writes | visits reads | other reads | reconciles | sum check | pods ready after s |");
        text.AppendLine("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in results)
        {
            if (r.Traffic is not { } t)
            {
                text.AppendLine(Row(Int(r.Apps), Int(r.Run), "not run", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"));
                continue;
            }

            var perApp = t.StatusWrites.Values.Select(v => (double)v).ToList();
            var perInterval = StatusWriteRate.PerInterval(t.StatusWrites, t.StatusWrites.Keys, t.Window.Duration, visitsInterval);
            text.AppendLine(Row(
                Int(r.Apps), Int(r.Run), Seconds(t.Window.Duration), Int(t.WrkRequests), Int(t.WrkFailures),
                $"{Number(perApp.DefaultIfEmpty().Min(), "0")} / {Number(Median.Of(perApp), "0.#")} / {Number(perApp.DefaultIfEmpty().Max(), "0")}",
                Number(perInterval.DefaultIfEmpty().Max(), "0.00"),
                Int(t.OtherAppsStatusWrites),
                Int(ChildWrites(t.Window.Requests)),
                Int(t.Window.Requests.VisitsReads),
                Int(t.Window.Requests.OtherReads),
                Int(t.Window.Reconciles),
                t.SumCheck.After is { } after
                    ? $"{t.SumCheck.Matched}/{t.SumCheck.Apps} exact after {Seconds(after)} s"
                    : $"{t.SumCheck.Matched}/{t.SumCheck.Apps} exact within {Seconds(t.SumCheck.Wait, "0")} s",
                Seconds(t.Prepare)));
        }

        text.AppendLine();
        text.AppendLine("**Requests in detail** (verb target count; codes other than 2xx listed separately):");
        text.AppendLine();
        text.AppendLine("| apps | run | phase | requests | failed (code count) |");
        text.AppendLine("|---:|---:|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(Row(Int(r.Apps), Int(r.Run), "convergence", Detail(r.Convergence.Requests), Failures(r.Convergence.Requests)));
            text.AppendLine(Row(Int(r.Apps), Int(r.Run), "quiet", Detail(r.Quiet.Requests), Failures(r.Quiet.Requests)));
            if (r.Traffic is { } t)
            {
                text.AppendLine(Row(Int(r.Apps), Int(r.Run), "traffic", Detail(t.Window.Requests), Failures(t.Window.Requests)));
            }
        }

        text.AppendLine();
        text.AppendLine("**Operator memory** (its own process: VmRSS from /proc/PID/status at the end of each phase; peak = VmHWM):");
        text.AppendLine();
        text.AppendLine("| apps | run | ready, no apps MiB | converged MiB | after quiet MiB | after traffic MiB | peak MiB |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(Row(
                Int(r.Apps), Int(r.Run), Mebibytes(r.Memory.Ready), Mebibytes(r.Memory.Converged), Mebibytes(r.Memory.AfterQuiet),
                r.Memory.AfterTraffic is { } traffic ? Mebibytes(traffic) : "-", Mebibytes(r.Memory.Peak)));
        }

        return text.ToString();
    }

    /// <summary>Non-zero requests as <c>VERB target count</c>, largest first, e.g. <c>APPLY statefulsets.apps 1000, POST events 2000</c>.</summary>
    public static string Detail(RequestCounts requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var rows = requests.ByVerbAndTarget();
        return rows.Count == 0 ? "none" : string.Join(", ", rows.Select(r => $"{r.Verb} {r.Target} {Int(r.Count)}"));
    }

    /// <summary>Writes to the operator's children (StatefulSets and Services).</summary>
    public static long ChildWrites(RequestCounts requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Counts.Where(c => c.Key.IsWrite && c.Key.Resource is "statefulsets" or "services").Sum(c => c.Value);
    }

    // Few apps write in a quiet window (ideally none): name them with their counts.
    private static string StatusWriters(WindowResult window) => window.StatusWrites.Count == 0
        ? "none"
        : string.Join(", ", window.StatusWrites.OrderBy(p => p.Key, StringComparer.Ordinal).Take(12).Select(p => $"{p.Key} {Int(p.Value)}"))
            + (window.StatusWrites.Count > 12 ? $" (+{window.StatusWrites.Count - 12} apps)" : string.Empty);

    private static string Failures(RequestCounts requests)
    {
        var failures = requests.Failures();
        return failures.Count == 0 ? "none" : string.Join(", ", failures.Select(f => $"{f.Code} {Int(f.Count)}"));
    }

    private static string MedianOf(IReadOnlyList<ScaleResult> runs, Func<ScaleResult, double> value, string format) =>
        runs.Count == 1
            ? Number(value(runs[0]), format)
            : $"{Number(Median.Of(runs.Select(value)), format)} [{string.Join(", ", runs.Select(r => Number(value(r), format)))}]";

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration, string format = "0.0") => Number(duration.TotalSeconds, format);

    private static string Mebibytes(long bytes) => Number(bytes / MiB, "0");

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
