using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>A running list-and-watch cache of one kind that notifies registered handlers of changes.</summary>
/// <typeparam name="TEntity">The watched kind.</typeparam>
public interface IInformer<TEntity> : IEntityCache<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// Registers a handler. A handler added after objects were cached first receives <c>OnAdd</c> for each of them,
    /// so late registration misses nothing and sees nothing twice.
    /// </summary>
    void AddEventHandler(IInformerEventHandler<TEntity> handler);
}
