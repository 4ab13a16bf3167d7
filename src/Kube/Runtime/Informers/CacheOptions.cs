using VisitCounter.Kube.Models;
using VisitCounter.Kube.Selectors;

namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>
/// What the informers cache and how lean (controller-runtime's <c>cache.Options</c>): a label selector per kind
/// (<c>ByObject</c>), so an operator holds only the objects it manages instead of every Service and Pod of the cluster,
/// and the removal of <c>metadata.managedFields</c> before an object is stored (<c>TransformStripManagedFields</c>),
/// which is often the largest part of an object and nothing a controller reads. Decided once, at start.
/// </summary>
public sealed class CacheOptions
{
    private readonly Dictionary<Type, string> selectors = [];

    /// <summary>Drop <c>metadata.managedFields</c> from every cached object (default true).</summary>
    public bool StripManagedFields { get; set; } = true;

    /// <summary>Caches only the <typeparamref name="TEntity"/> objects matching <paramref name="labelSelector"/> (e.g. <c>app.kubernetes.io/managed-by=me</c>).</summary>
    /// <exception cref="FormatException">The selector is malformed.</exception>
    public CacheOptions ByObject<TEntity>(string labelSelector)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labelSelector);
        LabelSelector.Parse(labelSelector);
        selectors[typeof(TEntity)] = labelSelector;
        return this;
    }

    /// <summary>The label selector of <paramref name="kind"/>, or null when every object is cached.</summary>
    public string? LabelSelectorFor(Type kind) => selectors.GetValueOrDefault(kind);
}
