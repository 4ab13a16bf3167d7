using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.LocalCluster.ApiServer.Auth;

namespace VisitCounter.LocalCluster.ApiServer.Metrics;

/// <summary>
/// The request metrics kube-apiserver serves on <c>/metrics</c> (names, label names and buckets from
/// <c>k8s.io/apiserver/pkg/endpoints/metrics</c>), so a benchmark or test counts requests exactly as it would on a
/// real cluster. Label names are declared in alphabetical order, as Prometheus' Go client writes them.
/// </summary>
internal sealed class ApiServerMetrics
{
    private const string Component = "apiserver";

    // The real server's SLO buckets (seconds).
    private static readonly double[] DurationBuckets =
        [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

    private readonly MetricsRegistry _registry = new();
    private readonly CounterFamily _requests;
    private readonly HistogramFamily _durations;
    private readonly GaugeFamily _longRunning;
    private readonly Counter _rbacAllowed;
    private readonly Counter _rbacDenied;
    private readonly CounterFamily _denials;

    public ApiServerMetrics()
    {
        _requests = _registry.Counter("apiserver_request_total",
            "Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.",
            "code", "component", "dry_run", "group", "resource", "scope", "subresource", "verb", "version");
        _durations = _registry.Histogram("apiserver_request_duration_seconds",
            "Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.",
            DurationBuckets, "component", "dry_run", "group", "resource", "scope", "subresource", "verb", "version");
        _longRunning = _registry.Gauge("apiserver_longrunning_requests",
            "Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.",
            "component", "group", "resource", "scope", "subresource", "verb", "version");
        var decisions = _registry.Counter("apiserver_authorization_decisions_total",
            "Total number of terminal decisions made by an authorizer split by authorizer type, name, and decision.",
            "decision", "name", "type");
        _rbacAllowed = decisions.WithLabels("allowed", "rbac", "RBAC");
        _rbacDenied = decisions.WithLabels("denied", "rbac", "RBAC");
        _denials = _registry.Counter("localcluster_authorization_denials_total",
            "Requests answered 403 Forbidden by the authorizer, by user, verb, API group, resource (with /subresource) and namespace. Local cluster only: kube-apiserver has no per-user metric.",
            "group", "namespace", "resource", "user", "verb");
    }

    /// <summary>The Content-Type of <see cref="Render"/>'s output.</summary>
    public static string ContentType => MetricsRegistry.ContentType;

    /// <summary>Counts one finished request and observes its duration.</summary>
    public void RecordRequest(RequestMetricLabels labels, int code, TimeSpan elapsed)
    {
        _requests.WithLabels(code.ToString(System.Globalization.CultureInfo.InvariantCulture), Component, labels.DryRun, labels.Group,
            labels.Resource, labels.Scope, labels.Subresource, labels.Verb, labels.Version).Inc();
        _durations.WithLabels(Component, labels.DryRun, labels.Group, labels.Resource, labels.Scope, labels.Subresource, labels.Verb, labels.Version)
            .Observe(elapsed.TotalSeconds);
    }

    /// <summary>Counts a request RBAC allowed (requests of system:masters never reach RBAC and are not counted).</summary>
    public void RecordAuthorizationAllowed() => _rbacAllowed.Inc();

    /// <summary>
    /// Counts a 403. kube-apiserver's RBAC authorizer answers "no opinion" rather than "deny", which its metric leaves out;
    /// here the final denial counts as <c>decision="denied"</c>, so "no request was denied" is one query on either metric.
    /// </summary>
    public void RecordAuthorizationDenied(AuthorizationDenial denial)
    {
        _rbacDenied.Inc();
        _denials.WithLabels(denial.ApiGroup, denial.Namespace, denial.Resource, denial.User, denial.Verb).Inc();
    }

    /// <summary>Counts a watch or connect request as open until the returned handle is disposed.</summary>
    public IDisposable TrackLongRunning(RequestMetricLabels labels)
    {
        var gauge = _longRunning.WithLabels(Component, labels.Group, labels.Resource, labels.Scope, labels.Subresource, labels.Verb, labels.Version);
        gauge.Inc();
        return new OpenRequest(gauge);
    }

    /// <summary>Every family in the Prometheus text exposition format.</summary>
    public string Render() => _registry.Render();

    private sealed class OpenRequest(Gauge gauge) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gauge.Dec();
        }
    }
}
