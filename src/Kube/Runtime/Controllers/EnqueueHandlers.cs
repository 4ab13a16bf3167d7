using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
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
/// Enqueues the primary object itself; deletions also leave the last known state behind for <c>DeletedAsync</c>.
/// </summary>
internal sealed class PrimaryEnqueueHandler<TEntity>(WorkQueue queue, Tombstones<TEntity> tombstones) : IInformerEventHandler<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    public void OnAdd(TEntity entity) => queue.Add(KeyOf(entity));

    public void OnUpdate(TEntity oldEntity, TEntity newEntity) => queue.Add(KeyOf(newEntity));

    public void OnDelete(TEntity entity)
    {
        var key = KeyOf(entity);
        tombstones.Bury(key, entity);
        queue.Add(key);
    }

    private static ObjectKey KeyOf(TEntity entity) => new(entity.Metadata.Namespace, entity.Metadata.Name!);
}
