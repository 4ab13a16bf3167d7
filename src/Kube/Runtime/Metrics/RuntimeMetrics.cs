namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>
/// The controller-runtime metric families (same names, labels and buckets as
/// <c>sigs.k8s.io/controller-runtime/pkg/internal/controller/metrics</c> and client-go's workqueue metrics),
/// registered once per <see cref="MetricsRegistry"/>, so dashboards written for Go operators work unchanged.
/// </summary>
public sealed class RuntimeMetrics
{
    /// <summary>The <c>result</c> label of a successful reconcile.</summary>
    public const string ResultSuccess = "success";

    /// <summary>The <c>result</c> label of a failed reconcile.</summary>
    public const string ResultError = "error";

    /// <summary>The <c>result</c> label of a reconcile that asked to be requeued with rate limiting.</summary>
    public const string ResultRequeue = "requeue";

    /// <summary>The <c>result</c> label of a reconcile that asked to be requeued after a delay.</summary>
    public const string ResultRequeueAfter = "requeue_after";

    private static readonly double[] ReconcileTimeBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    /// <summary>Registers the families in <paramref name="registry"/>.</summary>
    public RuntimeMetrics(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        ReconcileTotal = registry.Counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        ReconcileErrors = registry.Counter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");
        ReconcileTime = registry.Histogram("controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller", ReconcileTimeBuckets, "controller");
        MaxConcurrentReconciles = registry.Gauge("controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller");
        ActiveWorkers = registry.Gauge("controller_runtime_active_workers", "Number of currently used workers per controller", "controller");
        var queueBuckets = HistogramFamily.ExponentialBuckets(10e-9, 10, 12);
        QueueDepth = registry.Gauge("workqueue_depth", "Current depth of workqueue", "name");
        QueueAdds = registry.Counter("workqueue_adds_total", "Total number of adds handled by workqueue", "name");
        QueueRetries = registry.Counter("workqueue_retries_total", "Total number of retries handled by workqueue", "name");
        QueueLatency = registry.Histogram("workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested", queueBuckets, "name");
        WorkDuration = registry.Histogram("workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes", queueBuckets, "name");
        LeaderElectionStatus = registry.Gauge("leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease.", "name");
        WatchErrors = registry.Counter("informer_watch_errors_total", "Total number of failed list or watch calls per informer, by kind", "resource");
        Relists = registry.Counter("informer_relists_total", "Total number of full relists per informer (first list, 410 Gone, or after a failure)", "resource");
    }

    /// <summary>The registry the families live in; render it for <c>/metrics</c>.</summary>
    public MetricsRegistry Registry { get; }

    /// <summary><c>controller_runtime_reconcile_total{controller,result}</c>.</summary>
    public CounterFamily ReconcileTotal { get; }

    /// <summary><c>controller_runtime_reconcile_errors_total{controller}</c>.</summary>
    public CounterFamily ReconcileErrors { get; }

    /// <summary><c>controller_runtime_reconcile_time_seconds{controller}</c>.</summary>
    public HistogramFamily ReconcileTime { get; }

    /// <summary><c>controller_runtime_max_concurrent_reconciles{controller}</c>.</summary>
    public GaugeFamily MaxConcurrentReconciles { get; }

    /// <summary><c>controller_runtime_active_workers{controller}</c>.</summary>
    public GaugeFamily ActiveWorkers { get; }

    /// <summary><c>workqueue_depth{name}</c>.</summary>
    public GaugeFamily QueueDepth { get; }

    /// <summary><c>workqueue_adds_total{name}</c>.</summary>
    public CounterFamily QueueAdds { get; }

    /// <summary><c>workqueue_retries_total{name}</c>.</summary>
    public CounterFamily QueueRetries { get; }

    /// <summary><c>workqueue_queue_duration_seconds{name}</c>.</summary>
    public HistogramFamily QueueLatency { get; }

    /// <summary><c>workqueue_work_duration_seconds{name}</c>.</summary>
    public HistogramFamily WorkDuration { get; }

    /// <summary><c>leader_election_master_status{name}</c>.</summary>
    public GaugeFamily LeaderElectionStatus { get; }

    /// <summary><c>informer_watch_errors_total{resource}</c> (ours: client-go reports these only in logs).</summary>
    public CounterFamily WatchErrors { get; }

    /// <summary><c>informer_relists_total{resource}</c> (ours).</summary>
    public CounterFamily Relists { get; }

    /// <summary>Renders the registry in the Prometheus text format.</summary>
    public string Render() => Registry.Render();
}
