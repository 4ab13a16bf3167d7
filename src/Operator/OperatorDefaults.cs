namespace VisitCounter.Operator;

/// <summary>
/// The values the operator falls back to when neither a command-line flag nor the resource chooses one.
/// Each lives here once so that the CLI, the manifests and the tests agree.
/// </summary>
public static class OperatorDefaults
{
    /// <summary>The bundled counter app; the local cluster runs any image of this repository as a real process.</summary>
    public const string AppImage = "visitcounter/counter-app:0.1.0";

    /// <summary>Where Prometheus metrics are served, in controller-runtime's <c>host:port</c> notation.</summary>
    public const string MetricsBindAddress = ":8080";

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> are served.</summary>
    public const string HealthProbeBindAddress = ":8081";

    /// <summary>
    /// How many VisitCounterApps are reconciled at the same time. A reconcile waits on the API server for most of its
    /// time (one request per child it creates or changes, one status write), so the workers, not the CPU, set the pace
    /// of a mass creation; 5 is kube-controller-manager's <c>--concurrent-statefulset-syncs</c>.
    /// </summary>
    public const int MaxConcurrentReconciles = 5;

    /// <summary>
    /// Client-side rate limit of API requests per second after the burst (Karpenter's default; controller-runtime's is
    /// 20, or none since v0.21). Creating an app costs about 5 requests (3 applies, 2 status writes), so 1000 new apps
    /// need about 5000 requests: 250 s at 20 qps, 25 s at 200 (see bench/RESULTS.md).
    /// </summary>
    public const double KubeApiQps = 200;

    /// <summary>API requests the client may send at once (Karpenter's default).</summary>
    public const int KubeApiBurst = 300;

    /// <summary>
    /// Events per second after the burst, on a token bucket of their own (<c>--kube-api-events-qps</c>): a storm of
    /// events waits there and never delays reconcile writes. Per object, the recorder's spam filter applies as well.
    /// </summary>
    public const double KubeApiEventsQps = 50;

    /// <summary>Events the recorder's client may write at once before <see cref="KubeApiEventsQps"/> applies.</summary>
    public const int KubeApiEventsBurst = 100;

    /// <summary>The name of the Lease that elects the active operator replica.</summary>
    public const string LeaderElectionLeaseName = "visitcounter-operator-leader";

    /// <summary>The field manager and event source component of every write the operator makes.</summary>
    public const string ComponentName = "visitcounter-operator";
}
