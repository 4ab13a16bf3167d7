using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Predicates;

/// <summary>
/// The predicates of controller-runtime's <c>pkg/predicate</c>, each named for the one change it lets through.
/// A controller that writes its own status uses <c>Or(GenerationChanged, LabelsChanged, AnnotationsChanged, DeletionRequested)</c>
/// so that its status writes (which move only the resourceVersion) do not start another reconcile.
/// </summary>
public static class Predicates
{
    /// <summary>Updates that change <c>metadata.generation</c>, i.e. the spec (controller-runtime's <c>GenerationChangedPredicate</c>).</summary>
    public static EventPredicate<TEntity> GenerationChanged<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta> =>
        EventPredicate<TEntity>.ForUpdates((old, updated) => old.Metadata.Generation != updated.Metadata.Generation);

    /// <summary>Updates that change <c>metadata.labels</c> (<c>LabelChangedPredicate</c>).</summary>
    public static EventPredicate<TEntity> LabelsChanged<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta> =>
        EventPredicate<TEntity>.ForUpdates((old, updated) => !SameMap(old.Metadata.Labels, updated.Metadata.Labels));

    /// <summary>Updates that change <c>metadata.annotations</c> (<c>AnnotationChangedPredicate</c>).</summary>
    public static EventPredicate<TEntity> AnnotationsChanged<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta> =>
        EventPredicate<TEntity>.ForUpdates((old, updated) => !SameMap(old.Metadata.Annotations, updated.Metadata.Annotations));

    /// <summary>
    /// Updates that set <c>metadata.deletionTimestamp</c> or change the finalizers: the start of a deletion and each step
    /// of it, which a finalizer-owning controller must see even though the generation stays put.
    /// </summary>
    public static EventPredicate<TEntity> DeletionRequested<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta> =>
        EventPredicate<TEntity>.ForUpdates((old, updated) =>
            (old.Metadata.DeletionTimestamp is null) != (updated.Metadata.DeletionTimestamp is null)
            || !(old.Metadata.Finalizers ?? []).SequenceEqual(updated.Metadata.Finalizers ?? [], StringComparer.Ordinal));

    /// <summary>An event passes when any of <paramref name="predicates"/> lets it through.</summary>
    public static EventPredicate<TEntity> Or<TEntity>(params EventPredicate<TEntity>[] predicates)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(predicates);
        return new(
            e => predicates.Any(p => p.Create(e)),
            (o, n) => predicates.Any(p => p.Update(o, n)),
            e => predicates.Any(p => p.Delete(e)));
    }

    /// <summary>An event passes when every one of <paramref name="predicates"/> lets it through.</summary>
    public static EventPredicate<TEntity> And<TEntity>(params EventPredicate<TEntity>[] predicates)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(predicates);
        return new(
            e => predicates.All(p => p.Create(e)),
            (o, n) => predicates.All(p => p.Update(o, n)),
            e => predicates.All(p => p.Delete(e)));
    }

    /// <summary>An event passes when <paramref name="predicate"/> does not let it through.</summary>
    public static EventPredicate<TEntity> Not<TEntity>(EventPredicate<TEntity> predicate)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(e => !predicate.Create(e), (o, n) => !predicate.Update(o, n), e => !predicate.Delete(e));
    }

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        return a is null || a.All(pair => b!.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal));
    }
}
