namespace VisitCounter.Crds.V1Alpha1;

/// <summary>
/// Accepted values of <see cref="StorageSpec.WhenDeleted"/> and <see cref="StorageSpec.WhenScaled"/>
/// (apps/v1 PersistentVolumeClaimRetentionPolicyType).
/// </summary>
public static class RetentionPolicies
{
    public const string Retain = "Retain";
    public const string Delete = "Delete";

    /// <summary>All accepted values.</summary>
    public static IReadOnlyList<string> All { get; } = [Retain, Delete];
}
