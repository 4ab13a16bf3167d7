using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>
/// A level-based controller for one kind (KubeOps v13's programming model). The runtime calls
/// <see cref="ReconcileAsync"/> with the object as it is in the informer cache whenever it or an owned object changes,
/// after a requeue delay, and on resync; it calls <see cref="DeletedAsync"/> once with the last known state when the object is gone.
/// Never two calls for the same object at once. Treat the entity as read-only cache state: copy before mutating.
/// </summary>
/// <typeparam name="TEntity">The reconciled kind.</typeparam>
public interface IEntityController<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Drives the world towards <paramref name="entity"/>'s spec; must be idempotent.</summary>
    /// <param name="entity">The cached object.</param>
    /// <param name="cancellationToken">Cancelled when leadership is lost or shutdown's grace period ends.</param>
    Task<ReconciliationResult<TEntity>> ReconcileAsync(TEntity entity, CancellationToken cancellationToken);

    /// <summary>Called once after <paramref name="entity"/> was deleted, with its last known state.</summary>
    /// <param name="entity">The last state seen by the informer.</param>
    /// <param name="cancellationToken">Cancelled when leadership is lost or shutdown's grace period ends.</param>
    Task<ReconciliationResult<TEntity>> DeletedAsync(TEntity entity, CancellationToken cancellationToken);
}
