using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// In-process access to the API server's objects for the workload controllers (StatefulSet controller,
/// garbage collector, kubelet stand-in). Every call takes the same path as an HTTP request: defaulting,
/// validation, generation, resourceVersion, finalizers and watch events. Errors are
/// <see cref="Errors.ApiException"/>s with the real server's codes and reasons (404 NotFound, 409 Conflict, ...).
/// Objects are plain JSON; returned objects are copies the caller may modify.
/// </summary>
public interface IObjectStore
{
    /// <summary>The latest committed resourceVersion.</summary>
    long CurrentResourceVersion { get; }

    /// <summary>The object, or null when it does not exist.</summary>
    JsonObject? Get(ResourceRef resource, string? ns, string name);

    /// <summary>Objects of a resource, optionally in one namespace (null: all) and matching selectors (API string syntax).</summary>
    IReadOnlyList<JsonObject> List(ResourceRef resource, string? ns, string? labelSelector = null, string? fieldSelector = null);

    /// <summary>Creates the object (namespace from <c>metadata.namespace</c>; <c>generateName</c> honoured).</summary>
    Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces the object (status is ignored when the resource has a status subresource). A set
    /// <c>metadata.resourceVersion</c> must match (409 Conflict otherwise).</summary>
    Task<JsonObject> UpdateAsync(ResourceRef resource, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces only the status (the <c>/status</c> subresource).</summary>
    Task<JsonObject> UpdateStatusAsync(ResourceRef resource, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Patches the object (or its status with <paramref name="subresource"/> "status").</summary>
    Task<JsonObject> PatchAsync(ResourceRef resource, string? ns, string name, PatchType type, JsonNode patch,
        WriteOptions? options = null, string? subresource = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object. Returns its state when it still exists (finalizers pending or graceful pod
    /// deletion), null when it is gone.</summary>
    Task<JsonObject?> DeleteAsync(ResourceRef resource, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Watches a resource. <paramref name="sinceResourceVersion"/> null or "0": ADDED for every existing object,
    /// then changes; otherwise every change after that version (410 Expired <see cref="Errors.ApiException"/> when
    /// it is older than the kept window). Events arrive in commit order, each once.
    /// </summary>
    IAsyncEnumerable<StoreEvent> WatchAsync(ResourceRef resource, string? ns, string? sinceResourceVersion, CancellationToken cancellationToken);
}
