using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Defaulting;

/// <summary>The resolved disruption budget: exactly one of the two values is set (validation guarantees it).</summary>
/// <param name="MaxUnavailable">Pods an eviction may leave unavailable, or null.</param>
/// <param name="MinAvailable">Pods that must stay available, or null.</param>
public sealed record EffectiveDisruptionBudget(IntOrString? MaxUnavailable, IntOrString? MinAvailable);
