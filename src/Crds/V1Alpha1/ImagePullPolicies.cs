namespace VisitCounter.Crds.V1Alpha1;

/// <summary>Accepted values of <see cref="VisitCounterAppSpec.ImagePullPolicy"/> (core/v1 PullPolicy).</summary>
public static class ImagePullPolicies
{
    public const string Always = "Always";
    public const string IfNotPresent = "IfNotPresent";
    public const string Never = "Never";

    /// <summary>All accepted values.</summary>
    public static IReadOnlyList<string> All { get; } = [Always, IfNotPresent, Never];
}
