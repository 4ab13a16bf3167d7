using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VisitCounter.CounterApp.Metrics;

/// <summary>How group commit behaves: flushes, their duration, visits per flush, failures.</summary>
public sealed class CommitMetrics
{
    private readonly Histogram _duration = new(Histogram.LatencyBounds);
    private readonly Histogram _batchSize = new(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024);
    private long _failures;

    /// <summary>Records a successful write + flush of <paramref name="visits"/> visits that took <paramref name="elapsedTicks"/> Stopwatch ticks.</summary>
    public void RecordCommit(int visits, long elapsedTicks)
    {
        _duration.Observe((double)elapsedTicks / Stopwatch.Frequency);
        _batchSize.Observe(visits);
    }

    /// <summary>Records a write or flush the storage refused.</summary>
    public void RecordFailure() => Interlocked.Increment(ref _failures);

    /// <summary>Appends these metrics in the Prometheus text format.</summary>
    public void WriteTo(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append("# HELP visitcounter_commit_duration_seconds Time of one write + fdatasync of the count.\n");
        output.Append("# TYPE visitcounter_commit_duration_seconds histogram\n");
        _duration.WriteTo(output, "visitcounter_commit_duration_seconds", string.Empty);
        output.Append("# HELP visitcounter_commit_batch_visits Visits made durable by one write + fdatasync (group commit).\n");
        output.Append("# TYPE visitcounter_commit_batch_visits histogram\n");
        _batchSize.WriteTo(output, "visitcounter_commit_batch_visits", string.Empty);
        output.Append("# HELP visitcounter_commit_failures_total Writes or flushes of the count that the storage refused.\n");
        output.Append("# TYPE visitcounter_commit_failures_total counter\n");
        output.Append(CultureInfo.InvariantCulture, $"visitcounter_commit_failures_total {Volatile.Read(ref _failures)}\n");
    }
}
