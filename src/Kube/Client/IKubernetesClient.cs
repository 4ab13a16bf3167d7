using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Client;

/// <summary>
/// Typed access to the Kubernetes API. The resource path comes from the entity's
/// <see cref="KubernetesEntityAttribute"/>; JSON metadata from the client's options (source-generated).
/// Errors surface as <see cref="KubernetesApiException"/> subclasses.
/// A null namespace means "the configuration's namespace" for single-object calls on namespaced kinds and
/// "all namespaces" for list and watch; cluster-scoped kinds ignore it.
/// </summary>
public interface IKubernetesClient
{
    /// <summary>Reads one object; null when it does not exist.</summary>
    Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Lists one page; <c>Metadata.ResourceVersion</c> is where a watch should start, <c>Metadata.Continue</c> the next page.</summary>
    Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Lists every page by following <c>continue</c>; the result carries the first page's resourceVersion.</summary>
    Task<EntityList<TEntity>> ListAllAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Creates the object (POST) in <c>entity.Metadata.Namespace</c>; returns what the server stored.</summary>
    Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces the object (PUT); fails with <see cref="ConflictException"/> if its resourceVersion is stale.</summary>
    Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces the status subresource (PUT .../status).</summary>
    Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Patches the object.</summary>
    Task<TEntity> PatchAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Server-side apply (<paramref name="patch"/> of type <see cref="PatchType.Apply"/>). Unlike <see cref="PatchAsync{TEntity}"/>
    /// it tells a create (201) from a change of an existing object (200), so a caller can apply a missing object without
    /// reading it first and still know which of the two happened.
    /// </summary>
    Task<AppliedObject<TEntity>> ApplyAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Patches the status subresource.</summary>
    Task<TEntity> PatchStatusAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Deletes the object; a missing object is not an error (deletion is idempotent).</summary>
    Task DeleteAsync<TEntity>(string name, string? @namespace = null, V1DeleteOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Reads the scale subresource.</summary>
    Task<V1Scale> GetScaleAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces the scale subresource.</summary>
    Task<V1Scale> ReplaceScaleAsync<TEntity>(string name, string? @namespace, V1Scale scale, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// One streaming watch request. Ends when the server closes the stream; an ERROR event is thrown as a
    /// <see cref="KubernetesApiException"/> (410 as <see cref="GoneException"/>). Restarting is the caller's job.
    /// </summary>
    IAsyncEnumerable<WatchEvent<TEntity>> WatchAsync<TEntity>(string? @namespace, WatchOptions options, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>GET of an arbitrary API path (e.g. a pod proxy URL); returns the body as text.</summary>
    Task<string> GetRawAsync(string path, CancellationToken ct = default);
}
