using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Predicates;

/// <summary>
/// Decides which informer events of one kind reach a controller's queue (controller-runtime's <c>predicate.Funcs</c>).
/// Create and delete pass unless a predicate says otherwise; update predicates see the old and the new object.
/// Build them with <see cref="Predicates"/> and combine with <see cref="Predicates.Or{TEntity}"/>,
/// <see cref="Predicates.And{TEntity}"/> and <see cref="Predicates.Not{TEntity}"/>.
/// </summary>
/// <typeparam name="TEntity">The filtered kind.</typeparam>
/// <param name="Create">Whether an added object is enqueued.</param>
/// <param name="Update">Whether a change from the first to the second state is enqueued.</param>
/// <param name="Delete">Whether a deleted object is enqueued (and handed to <c>DeletedAsync</c>).</param>
public sealed record EventPredicate<TEntity>(Func<TEntity, bool> Create, Func<TEntity, TEntity, bool> Update, Func<TEntity, bool> Delete)
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Lets every event through.</summary>
    public static EventPredicate<TEntity> All { get; } = new(_ => true, (_, _) => true, _ => true);

    /// <summary>Filters updates only; creates and deletes always pass.</summary>
    public static EventPredicate<TEntity> ForUpdates(Func<TEntity, TEntity, bool> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new(_ => true, update, _ => true);
    }
}
