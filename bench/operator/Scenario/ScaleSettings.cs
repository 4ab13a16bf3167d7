namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>The knobs of one benchmark invocation (the command-line flags).</summary>
public sealed record ScaleSettings
{
    /// <summary>The app counts to run, one fresh cluster each.</summary>
    public required IReadOnlyList<int> AppCounts { get; init; }

    /// <summary>The operator's <c>--max-concurrent-reconciles</c> values to run each app count with.</summary>
    public required IReadOnlyList<int> WorkerCounts { get; init; }

    /// <summary>How long writes are counted after convergence.</summary>
    public required TimeSpan SteadyWindow { get; init; }

    /// <summary>How long a convergence may take before the run reports it as not converged.</summary>
    public required TimeSpan ConvergenceTimeout { get; init; }

    /// <summary>Serve the API over HTTPS with a bearer token (as a real cluster) instead of plain HTTP.</summary>
    public required bool Https { get; init; }

    /// <summary>Minimum level of the operator's log (its Information level writes one line per reconcile).</summary>
    public required string OperatorLogLevel { get; init; }

    /// <summary>The namespace the apps are created in.</summary>
    public string Namespace { get; init; } = "default";
}
