using VisitCounter.Bench.OperatorScale.Observation;

namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>What happened between a trigger (create, spec change) and convergence, or the timeout.</summary>
/// <param name="Converged">How many apps had converged when the phase ended.</param>
/// <param name="Duration">From the first write of the trigger to convergence (or the timeout).</param>
/// <param name="Reconciles">Reconciliations the operator finished in the phase.</param>
/// <param name="Writes">Writes committed in the phase, by kind.</param>
public sealed record PhaseResult(int Converged, TimeSpan Duration, long Reconciles, WriteTally Writes)
{
    /// <summary>Reconciliations per second over the phase.</summary>
    public double ReconcilesPerSecond => Duration > TimeSpan.Zero ? Reconciles / Duration.TotalSeconds : 0;
}
