using System.Globalization;
using System.Text;
using VisitCounter.CounterApp.Counting;

namespace VisitCounter.CounterApp.Metrics;

/// <summary>The count-level series of <c>/metrics</c> and the exposition format's content type.</summary>
public static class PrometheusText
{
    /// <summary>Content type of the Prometheus text exposition format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Appends <c>visitcounter_visits_total</c> and <c>visitcounter_storage_ready</c>.</summary>
    public static void WriteCounter(StringBuilder output, CounterStatus status, string pod)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        string labels = $"pod=\"{Escape(pod)}\"";
        if (status.Visits is { } visits)
        {
            output.Append("# HELP visitcounter_visits_total Visits recorded durably by this pod, over its whole life (survives restarts).\n");
            output.Append("# TYPE visitcounter_visits_total counter\n");
            output.Append(CultureInfo.InvariantCulture, $"visitcounter_visits_total{{{labels}}} {visits}\n");
        }

        output.Append("# HELP visitcounter_storage_ready 1 when visits are being recorded, 0 when the storage refuses them.\n");
        output.Append("# TYPE visitcounter_storage_ready gauge\n");
        output.Append(CultureInfo.InvariantCulture, $"visitcounter_storage_ready{{{labels}}} {(status.IsHealthy ? 1 : 0)}\n");
    }

    /// <summary>Escapes a label value as the exposition format requires.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
