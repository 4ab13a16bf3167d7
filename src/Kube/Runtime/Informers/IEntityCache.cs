using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>
/// Read access to an informer's in-memory copy of one kind (controller-runtime's cache reader).
/// Inject <c>IEntityCache&lt;V1Pod&gt;</c> into a controller to list owned objects without calling the API server.
/// Returned objects are shared with the cache: treat them as read-only.
/// </summary>
/// <typeparam name="TEntity">The cached kind.</typeparam>
public interface IEntityCache<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>True once the first list has been loaded into the cache.</summary>
    bool HasSynced { get; }

    /// <summary>Completes when <see cref="HasSynced"/> becomes true.</summary>
    Task WaitForCacheSyncAsync(CancellationToken cancellationToken);

    /// <summary>The cached object, or null if it does not exist (as far as the cache knows).</summary>
    TEntity? Get(string name, string? @namespace = null);

    /// <summary>Cached objects, optionally only in one namespace and matching a label selector (e.g. <c>app=web,tier!=db</c>), ordered by namespace and name.</summary>
    /// <exception cref="FormatException">The label selector is malformed.</exception>
    IReadOnlyList<TEntity> List(string? @namespace = null, string? labelSelector = null);
}
