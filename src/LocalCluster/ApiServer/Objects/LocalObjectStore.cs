using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Selectors;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary><see cref="IObjectStore"/> over the same registry layer the HTTP handlers use.</summary>
internal sealed class LocalObjectStore(ResourceService service) : IObjectStore
{
    /// <summary>The field manager recorded for in-process writers that name none.</summary>
    public const string DefaultFieldManager = "local-cluster";

    public long CurrentResourceVersion => service.Store.Revision;

    public JsonObject? Get(ResourceRef resource, string? ns, string name) =>
        service.TryGet(service.Registry.Get(resource), ns, name);

    public IReadOnlyList<JsonObject> List(ResourceRef resource, string? ns, string? labelSelector = null, string? fieldSelector = null) =>
        service.List(service.Registry.Get(resource), ns, LabelSelectors.Parse(labelSelector), FieldSelector.Parse(fieldSelector), null, null).Items;

    public Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var definition = service.Registry.Get(resource);
        var copy = (JsonObject)obj.DeepClone();
        var ns = definition.Namespaced ? NamespaceOf(copy) : null;
        return Task.FromResult(service.Create(definition, ns, copy, Defaults(options)).Object);
    }

    public Task<JsonObject> UpdateAsync(ResourceRef resource, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Update(resource, obj, options, null);

    public Task<JsonObject> UpdateStatusAsync(ResourceRef resource, JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Update(resource, obj, options, "status");

    public Task<JsonObject> PatchAsync(ResourceRef resource, string? ns, string name, PatchType type, JsonNode patch,
        WriteOptions? options = null, string? subresource = null, CancellationToken cancellationToken = default)
    {
        var definition = service.Registry.Get(resource);
        return Task.FromResult(service.Patch(definition, ns, name, type, patch.DeepClone(), Defaults(options), subresource).Object);
    }

    public Task<JsonObject?> DeleteAsync(ResourceRef resource, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = service.Delete(service.Registry.Get(resource), ns, name, options ?? new DeleteOptions());
        return Task.FromResult(response.Removed ? null : response.Object);
    }

    public async IAsyncEnumerable<StoreEvent> WatchAsync(ResourceRef resource, string? ns, string? sinceResourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? from = null;
        if (!string.IsNullOrEmpty(sinceResourceVersion) && sinceResourceVersion != "0")
        {
            from = long.TryParse(sinceResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
                ? rv
                : throw ApiException.BadRequest($"resourceVersion: Invalid value: \"{sinceResourceVersion}\": must be a number");
        }
        using var channel = service.Watch(service.Registry.Get(resource), ns, from);
        await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return e with { Object = (JsonObject)e.Object.DeepClone(), PreviousObject = null };
        }
    }

    private Task<JsonObject> Update(ResourceRef resource, JsonObject obj, WriteOptions? options, string? subresource)
    {
        var definition = service.Registry.Get(resource);
        var copy = (JsonObject)obj.DeepClone();
        return Task.FromResult(service.Update(definition, definition.Namespaced ? NamespaceOf(copy) : null, Meta.Name(copy), copy,
            Defaults(options), subresource).Object);
    }

    private static string NamespaceOf(JsonObject obj) => Meta.Namespace(obj) is { Length: > 0 } ns ? ns : "default";

    private static WriteOptions Defaults(WriteOptions? options) =>
        options is null ? new WriteOptions(FieldManager: DefaultFieldManager)
            : options.FieldManager is null ? options with { FieldManager = DefaultFieldManager } : options;
}
