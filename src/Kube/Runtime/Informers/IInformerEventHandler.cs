using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>
/// Receives an informer's notifications (client-go's <c>ResourceEventHandler</c>). Calls are serial, in the order
/// the cache changed, on the informer's loop: keep them short (typically: add a key to a work queue).
/// </summary>
/// <typeparam name="TEntity">The watched kind.</typeparam>
public interface IInformerEventHandler<in TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>An object appeared in the cache (from a list, a watch ADDED, or the replay for a late-registered handler).</summary>
    void OnAdd(TEntity entity);

    /// <summary>A cached object changed.</summary>
    void OnUpdate(TEntity oldEntity, TEntity newEntity);

    /// <summary>An object left the cache; <paramref name="entity"/> is its last known state.</summary>
    void OnDelete(TEntity entity);
}
