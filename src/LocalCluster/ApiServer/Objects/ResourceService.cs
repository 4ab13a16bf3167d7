using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Features;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Semantics;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// The registry layer of the server: the semantics of each verb (kube-apiserver's
/// <c>genericregistry.Store</c> plus the strategies of the kinds we serve), shared by the HTTP handlers and
/// the in-process <c>IObjectStore</c>. See https://kubernetes.io/docs/reference/using-api/api-concepts/.
/// </summary>
internal sealed partial class ResourceService
{
    private readonly ResourceRegistry _registry;
    private readonly VersionedStore _store;
    private readonly ApiSemantics _semantics;
    private readonly Admission _admission;
    private readonly ClusterAllocations _allocations;
    private readonly EffectiveFeatureGates _featureGates;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ResourceService(ResourceRegistry registry, VersionedStore store, ApiSemantics semantics, TimeProvider time, ILogger logger,
        EffectiveFeatureGates featureGates, IReadOnlyList<IMutatingAdmission> mutatingAdmission)
    {
        _registry = registry;
        _store = store;
        _semantics = semantics;
        _featureGates = featureGates;
        _admission = new Admission(semantics, mutatingAdmission);
        _time = time;
        _logger = logger;
        _allocations = new ClusterAllocations(DefaultStorageClassName);
    }

    public ResourceRegistry Registry => _registry;

    public VersionedStore Store => _store;

    /// <summary>Re-registers the resources of every stored CRD (after a restart).</summary>
    public void RestoreCustomResources()
    {
        foreach (var crd in _store.List(ResourceRef.CustomResourceDefinitions, null).Items)
        {
            try
            {
                _registry.SetCustomResources(Meta.Name(crd), CustomResourceDefinitions.Definitions(crd, _semantics));
            }
            catch (ApiException e)
            {
                _logger.LogWarning("Stored CRD {Name} cannot be served: {Reason}", Meta.Name(crd), e.Message);
            }
        }
    }

    public JsonObject Get(ResourceDefinition definition, string? ns, string name) =>
        _store.Get(definition.Ref, Key(definition, ns, name)) ?? throw ApiException.NotFound(definition.Ref, name);

    public JsonObject? TryGet(ResourceDefinition definition, string? ns, string name) =>
        _store.Get(definition.Ref, Key(definition, ns, name));

    private string Now() => Meta.Timestamp(_time.GetUtcNow());

    private static ObjectKey Key(ResourceDefinition definition, string? ns, string name) =>
        new(definition.Namespaced ? ns ?? "" : "", name);

    private string? DefaultStorageClassName()
    {
        foreach (var storageClass in _store.List(ResourceRef.StorageClasses, null).Items)
        {
            if (storageClass["metadata"]?["annotations"]?["storageclass.kubernetes.io/is-default-class"]?.GetValue<string>() == "true")
            {
                return Meta.Name(storageClass);
            }
        }
        return null;
    }

    /// <summary>Sets apiVersion/kind when absent; rejects a body of another kind (400, as the decoder does).</summary>
    private static void CheckTypeMeta(ResourceDefinition definition, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var kind = obj["kind"]?.GetValue<string>();
        if ((apiVersion is not null && apiVersion != definition.Ref.ApiVersion) || (kind is not null && kind != definition.Kind))
        {
            throw ApiException.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({definition.Ref.ApiVersion})" +
                (kind is not null && kind != definition.Kind ? $" or the kind ({kind}) is not {definition.Kind}" : ""));
        }
        // Keep apiVersion and kind first, as Go's struct order puts them. The same node instances are re-added,
        // so references callers hold (e.g. to metadata) stay attached.
        var ordered = obj.Where(kv => kv.Key is not ("apiVersion" or "kind")).ToList();
        obj.Clear();
        obj["apiVersion"] = definition.Ref.ApiVersion;
        obj["kind"] = definition.Kind;
        foreach (var (key, value) in ordered)
        {
            obj[key] = value;
        }
    }

    private void EnsureNamespaceAccepts(ResourceDefinition definition, string ns)
    {
        if (!definition.Namespaced) return;
        var namespaceObject = _store.Get(ResourceRef.Namespaces, new ObjectKey("", ns))
            ?? throw ApiException.NotFound(ResourceRef.Namespaces, ns);
        if (Meta.IsDeleting(namespaceObject))
        {
            throw new ApiException(403, "Forbidden",
                $"{definition.Ref.QualifiedResource} is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                new StatusDetails(null, definition.Ref.Group, definition.Ref.Resource, null,
                    [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")]));
        }
    }
}
