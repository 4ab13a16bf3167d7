using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

internal sealed partial class ResourceService
{
    /// <summary>PUT of the object or of its <c>status</c> subresource (<paramref name="subresource"/> "status").</summary>
    public WriteResponse Update(ResourceDefinition definition, string? ns, string name, JsonObject body, WriteOptions options, string? subresource)
    {
        CheckTypeMeta(definition, body);
        CheckNameMatches(name, body);
        var requestedVersion = Meta.ResourceVersion(body);
        var warnings = new List<string>();
        var result = _store.Write(definition.Ref, Key(definition, ns, name), live =>
        {
            if (live is null) throw ApiException.NotFound(definition.Ref, name);
            if (string.IsNullOrEmpty(requestedVersion))
            {
                // Custom resources do not allow unconditional update (apiextensions strategy AllowUnconditionalUpdate=false).
                if (definition.IsCustom)
                {
                    throw ApiException.Invalid(definition.Kind, definition.Ref.Group, name,
                        [new FieldError("FieldValueInvalid", "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")]);
                }
            }
            else if (requestedVersion != Meta.ResourceVersion(live))
            {
                throw ApiException.StaleResourceVersion(definition.Ref, name);
            }
            return DecideUpdate(definition, live, body, options, subresource, warnings);
        });
        AfterWrite(definition, result, options.DryRun);
        return new WriteResponse(result.Object, false, result.Outcome == WriteOutcome.Deleted, warnings);
    }

    /// <summary>
    /// PATCH of the object or of its <c>status</c> subresource; server-side apply creates a missing object, and only
    /// after <paramref name="authorizeCreate"/> (kube-apiserver authorizes the create of a create-on-update as
    /// <c>create</c>, inside the update, once it knows the object is missing) returns.
    /// </summary>
    public WriteResponse Patch(ResourceDefinition definition, string? ns, string name, PatchType type, JsonNode patch,
        WriteOptions options, string? subresource, Action? authorizeCreate = null)
    {
        if (type == PatchType.StrategicMerge && !_semantics.SupportsStrategicMerge(definition))
        {
            throw ApiException.UnsupportedMediaType(
                ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]);
        }
        if (type == PatchType.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw ApiException.Invalid("PatchOptions", "meta.k8s.io", "",
                [new FieldError("FieldValueRequired", "fieldManager", "Required value: is required for apply patch")]);
        }
        if (type != PatchType.Apply && options.Force)
        {
            throw ApiException.Invalid("PatchOptions", "meta.k8s.io", "",
                [new FieldError("FieldValueForbidden", "force", "Forbidden: may not be specified for non-apply patch")]);
        }
        if (type == PatchType.Apply && definition.Namespaced && ns is not null) EnsureNamespaceAccepts(definition, ns);

        var warnings = new List<string>();
        var created = false;
        var result = _store.Write(definition.Ref, Key(definition, ns, name), live =>
        {
            if (live is null)
            {
                if (type != PatchType.Apply || subresource is not null) throw ApiException.NotFound(definition.Ref, name);
                if (patch is not JsonObject applied) throw ApiException.BadRequest("an apply patch must be an object");
                authorizeCreate?.Invoke();
                CheckNameMatches(name, applied);
                var fresh = _semantics.ServerSideApply(null, ApplyIntent(definition, applied, null), options.FieldManager!, options.Force,
                    _time.GetUtcNow(), definition, null);
                var (obj, newWarnings) = PrepareNew(definition, ns, fresh, options with { FieldManager = null });
                warnings.AddRange(newWarnings);
                created = true;
                return new WriteDecision.Put(obj, options.DryRun);
            }
            var patched = ApplyPatch(definition, live, type, patch, options, subresource);
            var patchedVersion = Meta.ResourceVersion(patched);
            if (!string.IsNullOrEmpty(patchedVersion) && patchedVersion != Meta.ResourceVersion(live))
            {
                throw ApiException.StaleResourceVersion(definition.Ref, name);
            }
            CheckNameMatches(name, patched);
            return DecideUpdate(definition, live, patched, type == PatchType.Apply ? options with { FieldManager = null } : options,
                subresource, warnings);
        });
        AfterWrite(definition, result, options.DryRun);
        return new WriteResponse(result.Object, created, result.Outcome == WriteOutcome.Deleted, warnings);
    }

    private JsonObject ApplyPatch(ResourceDefinition definition, JsonObject live, PatchType type, JsonNode patch, WriteOptions options, string? subresource)
    {
        JsonNode? result = type switch
        {
            PatchType.Merge => _semantics.MergePatch(live.DeepClone(), patch),
            PatchType.Json => _semantics.JsonPatchApply(live.DeepClone(), patch),
            PatchType.StrategicMerge => _semantics.StrategicMerge(live.DeepClone(), patch, definition),
            _ => patch is JsonObject applied
                ? _semantics.ServerSideApply((JsonObject)live.DeepClone(), ApplyIntent(definition, applied, subresource), options.FieldManager!, options.Force,
                    _time.GetUtcNow(), definition, subresource)
                : throw ApiException.BadRequest("an apply patch must be an object"),
        };
        return result as JsonObject ?? throw ApiException.BadRequest("the patch did not produce an object");
    }

    /// <summary>What an apply may set through this endpoint: the main resource ignores status when a status
    /// subresource exists, and /status takes only status.</summary>
    private static JsonObject ApplyIntent(ResourceDefinition definition, JsonObject applied, string? subresource)
    {
        var intent = (JsonObject)applied.DeepClone();
        if (subresource == "status")
        {
            foreach (var key in intent.Select(kv => kv.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata" or "status")).ToList())
            {
                intent.Remove(key);
            }
        }
        else if (definition.HasStatus)
        {
            intent.Remove("status");
        }
        return intent;
    }

    /// <summary>
    /// The shared tail of update and patch: keep what clients may not change, split spec and status writes, decode,
    /// record the field manager, admit, drop disabled fields, bump generation on spec changes, validate, and decide
    /// between no-op, store, and delete (last finalizer gone).
    /// </summary>
    private WriteDecision DecideUpdate(ResourceDefinition definition, JsonObject live, JsonObject requested, WriteOptions options,
        string? subresource, List<string> warnings)
    {
        var updated = SplitStatus(definition, live, requested, subresource);
        var metadata = Meta.Of(updated);
        var liveMetadata = Meta.Of(live);
        foreach (var immutable in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name", "generation" })
        {
            if (liveMetadata[immutable] is { } value) metadata[immutable] = value.DeepClone();
            else metadata.Remove(immutable);
        }
        metadata["resourceVersion"] = Meta.ResourceVersion(live);
        CheckTypeMeta(definition, updated);

        if (Meta.IsDeleting(live))
        {
            var added = Meta.Finalizers(updated).Except(Meta.Finalizers(live)).ToList();
            if (added.Count > 0)
            {
                throw ApiException.Invalid(definition.Kind, definition.Ref.Group, Meta.Name(live),
                    [new FieldError("FieldValueForbidden", "metadata.finalizers",
                        "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{" +
                        string.Join(", ", added.Select(a => $"\"{a}\"")) + "}")]);
            }
        }
        warnings.AddRange(_admission.Decode(definition, updated, options.FieldValidation));
        // As on create: the field manager sees the request, not what mutating admission adds after it.
        if (!ManagedFieldsChanged(live, updated) && options.FieldManager is not null)
        {
            _semantics.RecordUpdate(live, updated, options.FieldManager, _time.GetUtcNow(), definition, subresource);
        }
        _admission.Mutate(definition, AdmissionOperation.Update, subresource, updated, live);
        DisabledFields.Drop(definition.Ref, updated, live, _featureGates);
        // Generation follows the spec as it will be stored (defaulted, admitted, disabled fields dropped), as the
        // strategies' PrepareForUpdate compares it: a write whose only change the server drops is no spec change.
        if (SpecChanged(live, updated))
        {
            metadata["generation"] = Meta.Generation(live) + 1;
        }
        _admission.Validate(definition, updated, live);
        if (definition.Ref == ResourceRef.CustomResourceDefinitions) AdmitCrd(updated, live);

        if (Unchanged(live, updated)) return new WriteDecision.Keep(live);
        if (Meta.IsDeleting(updated) && Meta.Finalizers(updated).Count == 0 && !IsPendingGracefulDeletion(definition, updated))
        {
            return new WriteDecision.Remove(options.DryRun);
        }
        return new WriteDecision.Put(updated, options.DryRun);
    }

    /// <summary>With a status subresource the main endpoint ignores status, and /status changes only status
    /// (plus managedFields; metav1 <c>ResetObjectMetaForStatus</c> keeps labels, annotations, finalizers and owners).</summary>
    private static JsonObject SplitStatus(ResourceDefinition definition, JsonObject live, JsonObject requested, string? subresource)
    {
        if (subresource == "status")
        {
            var result = (JsonObject)live.DeepClone();
            if (requested["status"] is { } status) result["status"] = status.DeepClone();
            else result.Remove("status");
            if (requested["metadata"]?["managedFields"] is { } managedFields) Meta.Of(result)["managedFields"] = managedFields.DeepClone();
            return result;
        }
        var updated = (JsonObject)requested.DeepClone();
        if (definition.HasStatus)
        {
            if (live["status"] is { } liveStatus) updated["status"] = liveStatus.DeepClone();
            else updated.Remove("status");
        }
        return updated;
    }

    private static bool SpecChanged(JsonObject live, JsonObject updated)
    {
        static JsonObject WithoutMetaAndStatus(JsonObject o)
        {
            var copy = (JsonObject)o.DeepClone();
            copy.Remove("metadata");
            copy.Remove("status");
            return copy;
        }
        return !JsonNode.DeepEquals(WithoutMetaAndStatus(live), WithoutMetaAndStatus(updated));
    }

    private static bool ManagedFieldsChanged(JsonObject live, JsonObject updated) =>
        !JsonNode.DeepEquals(live["metadata"]?["managedFields"], updated["metadata"]?["managedFields"]);

    /// <summary>A write that changes nothing but managedFields timestamps is a no-op: same resourceVersion, no event.</summary>
    private static bool Unchanged(JsonObject live, JsonObject updated)
    {
        static JsonObject WithoutTimes(JsonObject o)
        {
            var copy = (JsonObject)o.DeepClone();
            if (copy["metadata"]?["managedFields"] is JsonArray entries)
            {
                foreach (var entry in entries.OfType<JsonObject>()) entry.Remove("time");
            }
            return copy;
        }
        return JsonNode.DeepEquals(WithoutTimes(live), WithoutTimes(updated));
    }

    private static void CheckNameMatches(string name, JsonObject body)
    {
        var bodyName = Meta.Name(body);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        Meta.Of(body)["name"] = name;
    }
}
