namespace VisitCounter.Crds.V1Alpha1;

/// <summary>Accepted values of <see cref="VisitCounterAppSpec.PodManagementPolicy"/> (apps/v1 PodManagementPolicyType).</summary>
public static class PodManagementPolicies
{
    public const string OrderedReady = "OrderedReady";
    public const string Parallel = "Parallel";

    /// <summary>All accepted values.</summary>
    public static IReadOnlyList<string> All { get; } = [OrderedReady, Parallel];
}
