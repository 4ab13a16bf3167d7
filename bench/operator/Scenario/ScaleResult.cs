namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>Everything measured for one app count.</summary>
/// <param name="Apps">How many VisitCounterApps were created at once.</param>
/// <param name="MaxConcurrentReconciles">The operator's worker count.</param>
/// <param name="Create">Create all apps -> every app converged with 1 replica.</param>
/// <param name="Steady">The quiet window after convergence (its duration is the window).</param>
/// <param name="SpecChange">replicas 1 -> 2 on every app -> every app converged again.</param>
/// <param name="BeforeOperator">Process memory with the API server and CRD, before the operator started.</param>
/// <param name="AfterConvergence">Process memory once every app had converged.</param>
public sealed record ScaleResult(
    int Apps,
    int MaxConcurrentReconciles,
    PhaseResult Create,
    PhaseResult Steady,
    PhaseResult? SpecChange,
    MemorySample BeforeOperator,
    MemorySample AfterConvergence);
