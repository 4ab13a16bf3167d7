using System.Collections.Concurrent;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;

namespace VisitCounter.LocalCluster.Tests.KubeClient.Support;

/// <summary>Records an informer's notifications as "add a", "update a", "delete a".</summary>
public sealed class RecordingHandler<TEntity> : IInformerEventHandler<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentQueue<string> log = new();

    /// <summary>Notifications so far, in order.</summary>
    public IReadOnlyList<string> Log => [.. log];

    /// <inheritdoc />
    public void OnAdd(TEntity entity) => log.Enqueue($"add {entity.Metadata.Name}");

    /// <inheritdoc />
    public void OnUpdate(TEntity oldEntity, TEntity newEntity) => log.Enqueue($"update {newEntity.Metadata.Name}");

    /// <inheritdoc />
    public void OnDelete(TEntity entity) => log.Enqueue($"delete {entity.Metadata.Name}");
}
