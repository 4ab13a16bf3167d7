using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Defaulting;

/// <summary>The resolved container requests and limits, keyed by resource name (cpu, memory, ...).</summary>
public sealed record EffectiveResources(
    IReadOnlyDictionary<string, ResourceQuantity> Requests,
    IReadOnlyDictionary<string, ResourceQuantity> Limits)
{
    /// <summary>A fresh core/v1 ResourceRequirements with these values, for a container spec.</summary>
    public V1ResourceRequirements ToResourceRequirements() => new()
    {
        Requests = Requests.Count == 0 ? null : new SortedDictionary<string, ResourceQuantity>(Requests.ToDictionary(), StringComparer.Ordinal),
        Limits = Limits.Count == 0 ? null : new SortedDictionary<string, ResourceQuantity>(Limits.ToDictionary(), StringComparer.Ordinal),
    };
}
