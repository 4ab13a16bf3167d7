namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The bounds of <see cref="RolloutRecoverySpec"/>, shared by the schema and the validator.</summary>
public static class RolloutRecoveryLimits
{
    /// <summary>
    /// The shortest stuck timer allowed: a pod that pulls a large image or starts slowly must not be taken for a
    /// stuck one, and a pod deleted too eagerly costs a restart.
    /// </summary>
    public const int MinStuckAfterSeconds = 30;
}
