namespace VisitCounter.Crds.Defaulting;

/// <summary>
/// A VisitCounterApp spec with every default applied and every value parsed: what the operator builds children from.
/// Produced only by <see cref="VisitCounterAppDefaults.Apply"/>, from a spec that passed validation.
/// </summary>
public sealed record EffectiveSpec
{
    public required int Replicas { get; init; }
    public required string Image { get; init; }
    public required string ImagePullPolicy { get; init; }
    public required int Port { get; init; }
    public required string PodManagementPolicy { get; init; }
    public required EffectiveUpdateStrategy UpdateStrategy { get; init; }
    public required int MinReadySeconds { get; init; }
    public required EffectiveStorage Storage { get; init; }
    public required EffectiveService Service { get; init; }

    /// <summary>Requests and limits as they go into the container (defaults when the spec left both empty).</summary>
    public required EffectiveResources Resources { get; init; }
    public required IReadOnlyList<EnvVariable> Env { get; init; }
    public required EffectiveProbe Liveness { get; init; }
    public required EffectiveProbe Readiness { get; init; }
    public required EffectiveVisits Visits { get; init; }
    public required EffectiveRolloutRecovery RolloutRecovery { get; init; }

    /// <summary>The PodDisruptionBudget to keep, or null when the spec asks for none.</summary>
    public EffectiveDisruptionBudget? DisruptionBudget { get; init; }
}
