namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>The knobs of one benchmark invocation (the command-line flags).</summary>
public sealed record ScaleSettings
{
    /// <summary>The app counts to run, each on fresh clusters.</summary>
    public required IReadOnlyList<int> AppCounts { get; init; }

    /// <summary>Runs per app count (medians are taken over them).</summary>
    public required int Runs { get; init; }

    /// <summary>How many of the apps get pods and traffic (0 skips the traffic phase).</summary>
    public required int TrafficApps { get; init; }

    /// <summary>Pods of each traffic app.</summary>
    public required int TrafficReplicas { get; init; }

    /// <summary><c>visits.intervalSeconds</c> of the traffic apps.</summary>
    public required int VisitsIntervalSeconds { get; init; }

    /// <summary>The quiet window after convergence.</summary>
    public required TimeSpan QuietWindow { get; init; }

    /// <summary>The window with traffic on the traffic apps.</summary>
    public required TimeSpan TrafficWindow { get; init; }

    /// <summary>wrk connections per traffic app.</summary>
    public required int WrkConnections { get; init; }

    /// <summary>How long a convergence (or the traffic apps' pods becoming ready) may take.</summary>
    public required TimeSpan ConvergenceTimeout { get; init; }

    /// <summary>Serve the API over HTTPS with a bearer token (as a real cluster) instead of plain HTTP.</summary>
    public required bool Https { get; init; }

    /// <summary>Minimum level of the operator's log (its Information level writes one line per reconcile).</summary>
    public required string OperatorLogLevel { get; init; }

    /// <summary>How the operator process is started (program and leading arguments).</summary>
    public required IReadOnlyList<string> OperatorCommand { get; init; }

    /// <summary>More flags for the operator (e.g. <c>--max-concurrent-reconciles 4</c>).</summary>
    public IReadOnlyList<string> OperatorArguments { get; init; } = [];

    /// <summary>How long the operator's writes must stay still before the convergence counts as settled.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The namespace the apps are created in.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>The wrk program of the traffic phase.</summary>
    public string Wrk { get; init; } = "wrk";
}
