using System.Collections.Concurrent;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>
/// The last known state of deleted objects, kept until <c>DeletedAsync</c> has handled them: the cache no longer has
/// them, yet the controller must be told once what was deleted.
/// </summary>
internal sealed class Tombstones<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ObjectKey, TEntity> buried = new();

    public int Count => buried.Count;

    public void Bury(ObjectKey key, TEntity entity) => buried[key] = entity;

    public TEntity? Find(ObjectKey key) => buried.TryGetValue(key, out var entity) ? entity : null;

    /// <summary>Removes the tombstone only if it is still <paramref name="entity"/> (a newer deletion must not be lost).</summary>
    public void Remove(ObjectKey key, TEntity entity) => buried.TryRemove(new KeyValuePair<ObjectKey, TEntity>(key, entity));
}
