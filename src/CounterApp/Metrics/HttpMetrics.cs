using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace VisitCounter.CounterApp.Metrics;

/// <summary>Request counts by route and status code, and a latency histogram by route.</summary>
/// <remarks>Routes are the app's route patterns (plus <c>unmatched</c>), so the label set stays small.</remarks>
public sealed class HttpMetrics
{
    private readonly ConcurrentDictionary<string, RouteMetrics> _routes = new(StringComparer.Ordinal);

    /// <summary>Records one finished request.</summary>
    public void Record(string route, int statusCode, double seconds)
    {
        RouteMetrics metrics = _routes.GetOrAdd(route, static _ => new RouteMetrics());
        Interlocked.Increment(ref metrics.CountFor(statusCode).Value);
        metrics.Duration.Observe(seconds);
    }

    /// <summary>Appends these metrics in the Prometheus text format.</summary>
    public void WriteTo(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        KeyValuePair<string, RouteMetrics>[] routes = [.. _routes.OrderBy(r => r.Key, StringComparer.Ordinal)];

        output.Append("# HELP visitcounter_http_requests_total HTTP requests answered, by route and status code.\n");
        output.Append("# TYPE visitcounter_http_requests_total counter\n");
        foreach ((string route, RouteMetrics metrics) in routes)
        {
            foreach ((int code, Counter count) in metrics.Counts.OrderBy(c => c.Key))
            {
                output.Append(CultureInfo.InvariantCulture, $"visitcounter_http_requests_total{{route=\"{route}\",code=\"{code}\"}} {Volatile.Read(ref count.Value)}\n");
            }
        }

        output.Append("# HELP visitcounter_http_request_duration_seconds Time to answer HTTP requests, by route.\n");
        output.Append("# TYPE visitcounter_http_request_duration_seconds histogram\n");
        foreach ((string route, RouteMetrics metrics) in routes)
        {
            metrics.Duration.WriteTo(output, "visitcounter_http_request_duration_seconds", $"route=\"{route}\"");
        }
    }

    private sealed class RouteMetrics
    {
        public ConcurrentDictionary<int, Counter> Counts { get; } = new();

        public Histogram Duration { get; } = new(Histogram.LatencyBounds);

        public Counter CountFor(int statusCode) => Counts.GetOrAdd(statusCode, static _ => new Counter());
    }

    private sealed class Counter
    {
        public long Value;
    }
}
