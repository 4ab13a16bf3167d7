using VisitCounter.Kube.Client;

namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>
/// client-go's REST client metrics (<c>k8s.io/component-base/metrics/prometheus/restclient</c>: same names, labels
/// and buckets), fed by the client through <see cref="IRestClientObserver"/>: every attempt, retries included.
/// </summary>
public sealed class RestClientMetrics : IRestClientObserver
{
    private static readonly double[] LatencyBuckets = [0.005, 0.025, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0];

    /// <summary>Registers the families in <paramref name="registry"/>.</summary>
    public RestClientMetrics(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Requests = registry.Counter("rest_client_requests_total", "Number of HTTP requests, partitioned by status code, method, and host.", "code", "method", "host");
        RequestDuration = registry.Histogram("rest_client_request_duration_seconds", "Request latency in seconds. Broken down by verb, and host.", LatencyBuckets, "verb", "host");
        RateLimiterDuration = registry.Histogram("rest_client_rate_limiter_duration_seconds", "Client side rate limiter latency in seconds. Broken down by verb, and host.", LatencyBuckets, "verb", "host");
    }

    /// <summary><c>rest_client_requests_total{code,method,host}</c>.</summary>
    public CounterFamily Requests { get; }

    /// <summary><c>rest_client_request_duration_seconds{verb,host}</c>.</summary>
    public HistogramFamily RequestDuration { get; }

    /// <summary><c>rest_client_rate_limiter_duration_seconds{verb,host}</c>.</summary>
    public HistogramFamily RateLimiterDuration { get; }

    /// <inheritdoc />
    public void RequestCompleted(string method, string host, string code, TimeSpan duration)
    {
        Requests.WithLabels(code, method, host).Inc();
        RequestDuration.WithLabels(method, host).Observe(duration.TotalSeconds);
    }

    /// <inheritdoc />
    public void RateLimited(string method, string host, TimeSpan waited)
        => RateLimiterDuration.WithLabels(method, host).Observe(waited.TotalSeconds);
}
