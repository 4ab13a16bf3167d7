namespace VisitCounter.Crds.V1Alpha1;

/// <summary>Accepted values of <see cref="UpdateStrategySpec.Type"/> (apps/v1 StatefulSetUpdateStrategyType).</summary>
public static class UpdateStrategyTypes
{
    public const string RollingUpdate = "RollingUpdate";
    public const string OnDelete = "OnDelete";

    /// <summary>All accepted values.</summary>
    public static IReadOnlyList<string> All { get; } = [RollingUpdate, OnDelete];
}
