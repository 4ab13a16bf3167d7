namespace VisitCounter.Crds.Defaulting;

/// <summary>Resolved rollout recovery settings.</summary>
/// <param name="Enabled">Whether the operator deletes a stuck pod; when false it only reports RolloutStuck.</param>
/// <param name="StuckAfterSeconds">How long a pod of an older revision must be not ready before the rollout counts as stuck.</param>
public sealed record EffectiveRolloutRecovery(bool Enabled, int StuckAfterSeconds)
{
    /// <summary>The stuck timer as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan StuckAfter => TimeSpan.FromSeconds(StuckAfterSeconds);
}
