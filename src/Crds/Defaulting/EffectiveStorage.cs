using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Defaulting;

/// <summary>The resolved volume claim template settings.</summary>
/// <param name="Size">The requested size, parsed.</param>
/// <param name="StorageClassName">The storage class, or null for the cluster default.</param>
/// <param name="AccessModes">Access modes, never empty.</param>
/// <param name="WhenDeleted">Retain or Delete.</param>
/// <param name="WhenScaled">Retain or Delete.</param>
public sealed record EffectiveStorage(
    ResourceQuantity Size,
    string? StorageClassName,
    IReadOnlyList<string> AccessModes,
    string WhenDeleted,
    string WhenScaled);
