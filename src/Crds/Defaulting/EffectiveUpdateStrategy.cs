using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Defaulting;

/// <summary>The resolved update strategy. <see cref="Partition"/> is null and <see cref="MaxUnavailable"/> is null for OnDelete.</summary>
/// <param name="Type">RollingUpdate or OnDelete.</param>
/// <param name="Partition">RollingUpdate partition (0 when unset), or null for OnDelete.</param>
/// <param name="MaxUnavailable">RollingUpdate maxUnavailable, passed through as given, or null when unset.</param>
public sealed record EffectiveUpdateStrategy(string Type, int? Partition, IntOrString? MaxUnavailable);
