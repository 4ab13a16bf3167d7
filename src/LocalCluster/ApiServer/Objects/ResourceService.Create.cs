using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

internal sealed partial class ResourceService
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>POST: creates the object (409 AlreadyExists when the name is taken).</summary>
    public WriteResponse Create(ResourceDefinition definition, string? ns, JsonObject body, WriteOptions options)
    {
        var (obj, warnings) = PrepareNew(definition, ns, body, options);
        var key = Key(definition, ns, Meta.Name(obj));
        var result = _store.Write(definition.Ref, key, live =>
            live is null ? new WriteDecision.Put(obj, options.DryRun) : throw ApiException.AlreadyExists(definition.Ref, key.Name));
        AfterWrite(definition, result, options.DryRun);
        return new WriteResponse(result.Object, true, false, warnings);
    }

    /// <summary>Everything create does before storing, in kube-apiserver's order: server-set metadata, initial status,
    /// decoding with defaults, field manager, mutating admission, the strategy's disabled fields, validation.</summary>
    private (JsonObject Object, IReadOnlyList<string> Warnings) PrepareNew(ResourceDefinition definition, string? ns, JsonObject body, WriteOptions options)
    {
        var obj = body;
        CheckTypeMeta(definition, obj);
        var metadata = Meta.Of(obj);
        if (definition.Namespaced)
        {
            var bodyNamespace = Meta.Namespace(obj);
            if (bodyNamespace.Length > 0 && ns is not null && bodyNamespace != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            ns = ns ?? (bodyNamespace.Length > 0 ? bodyNamespace : "default");
            metadata["namespace"] = ns;
            EnsureNamespaceAccepts(definition, ns);
        }
        else
        {
            metadata.Remove("namespace");
        }
        if (!string.IsNullOrEmpty(Meta.ResourceVersion(obj)))
        {
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
        }
        if (Meta.Name(obj).Length == 0)
        {
            var generateName = Meta.String(obj, "generateName");
            if (string.IsNullOrEmpty(generateName))
            {
                throw ApiException.Invalid(definition.Kind, definition.Ref.Group, "",
                    [new FieldError("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
            }
            metadata["name"] = generateName + RandomSuffix();
        }
        foreach (var serverSet in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "selfLink" })
        {
            metadata.Remove(serverSet);
        }
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        metadata["generation"] = 1;
        if (definition.HasStatus)
        {
            obj.Remove("status");
            if (BuiltinDefaults.InitialStatus(definition.Ref) is { } status) obj["status"] = status;
        }
        if (!definition.IsCustom) BuiltinDefaults.ApplyOnCreate(definition.Ref, obj, _allocations);
        var warnings = _admission.Decode(definition, obj, options.FieldValidation);
        // The field manager records the request as decoded, before admission: what mutating admission adds is owned
        // by no manager, so a later apply neither removes it nor conflicts with it (as in kube-apiserver's create handler).
        if (options.FieldManager is not null) _semantics.RecordUpdate(null, obj, options.FieldManager, _time.GetUtcNow(), definition, null);
        _admission.Mutate(definition, AdmissionOperation.Create, null, obj, null);
        DisabledFields.Drop(definition.Ref, obj, null, _featureGates);
        _admission.Validate(definition, obj, null);
        if (definition.Ref == ResourceRef.CustomResourceDefinitions) AdmitCrd(obj, null);
        return (obj, warnings);
    }

    private void AdmitCrd(JsonObject crd, JsonObject? previous)
    {
        var errors = CustomResourceDefinitions.Validate(crd);
        if (errors.Count > 0)
        {
            throw ApiException.Invalid("CustomResourceDefinition", "apiextensions.k8s.io", Meta.Name(crd), errors);
        }
        // Compiles every version's schema now, so a schema the server cannot serve fails the write (422), not later requests.
        _ = CustomResourceDefinitions.Definitions(crd, _semantics);
        CustomResourceDefinitions.SetEstablishedStatus(crd, previous?["status"] as JsonObject, Now());
    }

    private static string RandomSuffix()
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)];
        }
        return new string(suffix);
    }

    /// <summary>Side effects of committed writes: CRDs (un)register their resources, namespaces finish terminating.</summary>
    private void AfterWrite(ResourceDefinition definition, WriteResult result, bool dryRun)
    {
        if (dryRun) return;
        if (definition.Ref == ResourceRef.CustomResourceDefinitions)
        {
            var name = Meta.Name(result.Object);
            if (result.Outcome == WriteOutcome.Deleted)
            {
                foreach (var served in _registry.CustomResourcesOf(name)) RemoveAll(served);
                _registry.SetCustomResources(name, []);
            }
            else if (result.Outcome != WriteOutcome.Unchanged)
            {
                _registry.SetCustomResources(name, CustomResourceDefinitions.Definitions(result.Object, _semantics));
            }
        }
        if (result.Outcome == WriteOutcome.Deleted && definition.Namespaced)
        {
            TryFinishNamespace(Meta.Namespace(result.Object));
        }
    }
}
