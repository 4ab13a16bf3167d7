namespace VisitCounter.LocalCluster.ApiServer.Features;

/// <summary>How mature a feature is in a release (component-base/featuregate's prerelease stages).</summary>
public enum FeatureMaturity
{
    /// <summary>Off by default; may change or go away.</summary>
    Alpha,
    /// <summary>Usually on by default.</summary>
    Beta,
    /// <summary>Generally available; usually locked on.</summary>
    GA,
}

/// <summary>From <paramref name="SinceMinor"/> on (until the next stage), the gate has this maturity and default.</summary>
/// <param name="SinceMinor">The first Kubernetes 1.x minor version of this stage.</param>
/// <param name="Maturity">Alpha, beta or GA.</param>
/// <param name="Default">Whether the gate is on unless <c>--feature-gates</c> says otherwise.</param>
/// <param name="LockedToDefault">True when <c>--feature-gates</c> may not change it (GA gates).</param>
public sealed record FeatureStage(int SinceMinor, FeatureMaturity Maturity, bool Default, bool LockedToDefault = false);

/// <summary>A kube-apiserver feature gate and its stages by release, as <c>pkg/features/versioned_kube_features.go</c> lists them.</summary>
/// <param name="Name">The gate's name, e.g. <c>MaxUnavailableStatefulSet</c>.</param>
/// <param name="Stages">Stages in increasing <see cref="FeatureStage.SinceMinor"/> order.</param>
/// <param name="Effect">What the gate changes in this server, for people reading error messages and docs.</param>
public sealed record FeatureGate(string Name, IReadOnlyList<FeatureStage> Stages, string Effect)
{
    /// <summary>The stage in force for Kubernetes 1.<paramref name="minor"/>; null before the gate existed (it is off then).</summary>
    public FeatureStage? StageFor(int minor) => Stages.LastOrDefault(s => s.SinceMinor <= minor);
}
