namespace VisitCounter.Operator.Hosting;

/// <summary>Everything the <c>run</c> command (and <c>visitcounter-local</c>) configures about the operator process.</summary>
public sealed record OperatorOptions
{
    /// <summary>Path of the kubeconfig file; null means <c>$KUBECONFIG</c>, <c>~/.kube/config</c> or in-cluster.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context to use instead of the current one.</summary>
    public string? Context { get; init; }

    /// <summary>Watch only this namespace; null watches all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>The counter-app image used when a VisitCounterApp leaves <c>spec.image</c> empty.</summary>
    public string AppImage { get; init; } = OperatorDefaults.AppImage;

    /// <summary>Whether to take a Lease before reconciling, so only one replica writes.</summary>
    public bool LeaderElect { get; init; }

    /// <summary>How many VisitCounterApps are reconciled at the same time.</summary>
    public int MaxConcurrentReconciles { get; init; } = OperatorDefaults.MaxConcurrentReconciles;

    /// <summary>Where <c>/metrics</c> is served; null disables it.</summary>
    public BindAddress? MetricsBindAddress { get; init; }

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> are served; null disables them.</summary>
    public BindAddress? HealthProbeBindAddress { get; init; }

    /// <summary>Requests per second the operator's client sends to the API server after the burst (<c>--kube-api-qps</c>).</summary>
    public double KubeApiQps { get; init; } = OperatorDefaults.KubeApiQps;

    /// <summary>Requests the client may send at once before <see cref="KubeApiQps"/> applies (<c>--kube-api-burst</c>).</summary>
    public int KubeApiBurst { get; init; } = OperatorDefaults.KubeApiBurst;

    /// <summary>Events per second the event recorder's own client sends after its burst (<c>--kube-api-events-qps</c>).</summary>
    public double KubeApiEventsQps { get; init; } = OperatorDefaults.KubeApiEventsQps;

    /// <summary>Events the recorder's client may send at once before <see cref="KubeApiEventsQps"/> applies (<c>--kube-api-events-burst</c>).</summary>
    public int KubeApiEventsBurst { get; init; } = OperatorDefaults.KubeApiEventsBurst;

    /// <summary>How log lines are written.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
}
