using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Predicates;
using VisitCounter.Kube.Runtime.Queue;

namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>
/// Enqueues the controlling owner of a changed child (controller-runtime's <c>Owns()</c>): a StatefulSet edited or
/// deleted by someone else brings its VisitCounterApp back to the controller, which restores it.
/// </summary>
internal sealed class OwnerEnqueueHandler<TChild>(EntityMetadata owner, WorkQueue queue) : IInformerEventHandler<TChild>
    where TChild : class, IKubernetesObject<V1ObjectMeta>
{
    public void OnAdd(TChild entity) => Enqueue(entity);

    public void OnUpdate(TChild oldEntity, TChild newEntity)
    {
        // The owner may have changed (adoption or release); both the old and the new owner must look again.
        var before = OwnerReferences.ControllerOwnerKey(oldEntity.Metadata, owner);
        var after = OwnerReferences.ControllerOwnerKey(newEntity.Metadata, owner);
        if (before is { } b)
        {
            queue.Add(b);
        }

        if (after is { } a && a != before)
        {
            queue.Add(a);
        }
    }

    public void OnDelete(TChild entity) => Enqueue(entity);

    private void Enqueue(TChild child)
    {
        if (OwnerReferences.ControllerOwnerKey(child.Metadata, owner) is { } key)
        {
            queue.Add(key);
        }
    }
}

/// <summary>
/// Enqueues the primary object itself when <paramref name="filter"/> lets the event through; deletions also leave the
/// last known state behind for <c>DeletedAsync</c>.
/// </summary>
internal sealed class PrimaryEnqueueHandler<TEntity>(WorkQueue queue, Tombstones<TEntity> tombstones, Func<EventPredicate<TEntity>> filter) : IInformerEventHandler<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    public void OnAdd(TEntity entity)
    {
        if (filter().Create(entity))
        {
            queue.Add(KeyOf(entity));
        }
    }

    public void OnUpdate(TEntity oldEntity, TEntity newEntity)
    {
        if (filter().Update(oldEntity, newEntity))
        {
            queue.Add(KeyOf(newEntity));
        }
    }

    public void OnDelete(TEntity entity)
    {
        if (!filter().Delete(entity))
        {
            return;
        }

        var key = KeyOf(entity);
        tombstones.Bury(key, entity);
        queue.Add(key);
    }

    private static ObjectKey KeyOf(TEntity entity) => new(entity.Metadata.Namespace, entity.Metadata.Name!);
}

/// <summary>
/// Enqueues the keys a mapping function derives from a related object (controller-runtime's
/// <c>handler.EnqueueRequestsFromMapFunc</c>), e.g. the app a pod belongs to by its labels. On an update both the old
/// and the new state are mapped, so an object that moved from one owner to another brings both back.
/// </summary>
internal sealed class MapEnqueueHandler<TOther>(Func<TOther, IEnumerable<ObjectKey>> map, WorkQueue queue) : IInformerEventHandler<TOther>
    where TOther : class, IKubernetesObject<V1ObjectMeta>
{
    public void OnAdd(TOther entity) => Enqueue(entity);

    public void OnUpdate(TOther oldEntity, TOther newEntity)
    {
        var keys = new HashSet<ObjectKey>(map(oldEntity));
        keys.UnionWith(map(newEntity));
        foreach (var key in keys)
        {
            queue.Add(key);
        }
    }

    public void OnDelete(TOther entity) => Enqueue(entity);

    private void Enqueue(TOther entity)
    {
        foreach (var key in map(entity))
        {
            queue.Add(key);
        }
    }
}
