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

    /// <summary>How many VisitCounterApps are reconciled at the same time.</summary>
    public const int MaxConcurrentReconciles = 2;

    /// <summary>Client-side rate limit of API requests per second after the burst (controller-runtime's default).</summary>
    public const double KubeApiQps = 20;

    /// <summary>API requests the client may send at once (controller-runtime's default).</summary>
    public const int KubeApiBurst = 30;

    /// <summary>The name of the Lease that elects the active operator replica.</summary>
    public const string LeaderElectionLeaseName = "visitcounter-operator-leader";

    /// <summary>The field manager and event source component of every write the operator makes.</summary>
    public const string ComponentName = "visitcounter-operator";
}
