using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Semantics;

/// <summary>
/// The one place the core calls the pure semantics library (src/LocalCluster/Patching and Validation):
/// patches, server-side apply, managed fields, schema compilation and built-in validation. Library
/// exceptions are translated into the API errors the real server answers.
/// </summary>
internal sealed class ApiSemantics(BuiltinSchemas? builtinSchemas = null)
{
    /// <summary>No errors.</summary>
    public static IReadOnlyList<FieldError> None { get; } = [];

    /// <summary>RFC 7386 merge patch.</summary>
    public JsonNode? MergePatch(JsonNode? target, JsonNode? patch) => Translate(() => JsonMergePatch.Apply(target, patch));

    /// <summary>RFC 6902 JSON patch.</summary>
    public JsonNode JsonPatchApply(JsonNode target, JsonNode patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp");
        }
        return Translate(() => JsonPatch.Apply(target, operations));
    }

    /// <summary>True when strategic merge patch is defined for the kind (built-ins only).</summary>
    public bool SupportsStrategicMerge(ResourceDefinition definition) =>
        !definition.IsCustom && PatchMeta.ForKind(definition.Ref.ApiVersion, definition.Kind) is not null;

    /// <summary>Strategic merge patch of a built-in object.</summary>
    public JsonNode StrategicMerge(JsonNode target, JsonNode patch, ResourceDefinition definition)
    {
        var meta = MetaFor(definition) ?? throw ApiException.UnsupportedMediaType(
            ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]);
        return Translate(() => StrategicMergePatch.Apply(target, patch, meta));
    }

    /// <summary>Server-side apply of <paramref name="applied"/> by <paramref name="manager"/>.</summary>
    /// <exception cref="ApiException">409 with one cause per conflicting field, unless <paramref name="force"/>.</exception>
    public JsonObject ServerSideApply(JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now,
        ResourceDefinition definition, string? subresource)
    {
        var result = Translate(() => Patching.ServerSideApply.Apply(live, applied, manager, force, now, MetaFor(definition), subresource ?? ""));
        if (result.Conflicts.Count > 0)
        {
            var causes = result.Conflicts.Select(c => new StatusCause("FieldManagerConflict", c.CauseMessage, c.FieldPath)).ToList();
            throw new ApiException(409, "Conflict", ApplyConflict.StatusMessage(result.Conflicts),
                new StatusDetails(null, null, null, null, causes));
        }
        return result.Object ?? throw ApiException.Internal("server-side apply produced no object");
    }

    /// <summary>Records an Update operation of <paramref name="manager"/> in newObj's managedFields.</summary>
    public void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, DateTimeOffset now, ResourceDefinition definition, string? subresource) =>
        Translate(() =>
        {
            ManagedFields.RecordUpdate(oldObj, newObj, manager, "Update", now, MetaFor(definition), subresource ?? "");
            return true;
        });

    /// <summary>
    /// Compiles one CRD version's schema. <paramref name="fieldPath"/> prefixes the fields of compile errors
    /// (e.g. <c>spec.versions[0].schema.openAPIV3Schema</c>).
    /// </summary>
    /// <exception cref="ApiException">422 Invalid on the CRD for a schema the server cannot serve.</exception>
    public ICustomResourceSchema CompileSchema(JsonObject openApiV3Schema, string fieldPath, string crdName)
    {
        try
        {
            return new CompiledSchema(CrdSchema.Compile(openApiV3Schema, fieldPath));
        }
        catch (SchemaException e)
        {
            IReadOnlyList<FieldError> errors = e.Errors.Count > 0 ? e.Errors : [new FieldError("FieldValueInvalid", fieldPath, e.Message)];
            throw ApiException.Invalid("CustomResourceDefinition", "apiextensions.k8s.io", crdName, errors);
        }
    }

    /// <summary>Unknown fields of a built-in object (only when the official OpenAPI documents are loaded).</summary>
    public IReadOnlyList<string> UnknownBuiltinFields(JsonObject obj) => builtinSchemas?.UnknownFields(obj) ?? [];

    /// <summary>The Go decoder's complaint about a mistyped field of a built-in object (only with the official documents), or null.</summary>
    public string? BuiltinDecodeError(JsonObject obj) => builtinSchemas?.DecodeError(obj);

    /// <summary>Object-name rules (DNS-1123 subdomain, DNS-1035 label for Services, ...).</summary>
    public IReadOnlyList<FieldError> ValidateName(string resource, JsonObject obj) => ObjectNameValidation.Validate(resource, obj);

    /// <summary>The built-in kinds' validation our flows meet (StatefulSet immutability, Service ports, ...).</summary>
    public IReadOnlyList<FieldError> ValidateBuiltin(ResourceRef resource, JsonObject obj, JsonObject? oldObj) =>
        BuiltinValidation.Validate(resource.Group, resource.Resource, obj, oldObj);

    /// <summary>Removes fields named by dotted paths (as <see cref="UnknownBuiltinFields"/> reports them).</summary>
    public void RemoveFields(JsonObject obj, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var segments = path.TrimStart('.').Split('.');
            JsonNode? node = obj;
            for (var i = 0; i < segments.Length - 1 && node is not null; i++)
            {
                node = Step(node, segments[i]);
            }
            if (node is JsonObject parent) parent.Remove(segments[^1]);
        }
    }

    private static PatchMeta? MetaFor(ResourceDefinition definition) =>
        definition.Schema is CompiledSchema compiled ? compiled.Schema.PatchMeta : PatchMeta.ForKind(definition.Ref.ApiVersion, definition.Kind);

    private static JsonNode? Step(JsonNode node, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? segment : segment[..bracket];
        var next = node is JsonObject o ? o[name] : null;
        if (bracket >= 0 && next is JsonArray array &&
            int.TryParse(segment[(bracket + 1)..^1], CultureInfo.InvariantCulture, out var index) && index >= 0 && index < array.Count)
        {
            return array[index];
        }
        return bracket < 0 ? next : null;
    }

    private static T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (PatchException e) when (e.IsMalformed)
        {
            throw ApiException.BadRequest(e.Message);
        }
        catch (PatchException e)
        {
            throw new ApiException(422, "Invalid", e.Message);
        }
    }

    /// <summary>A compiled CRD schema behind the core's interface.</summary>
    private sealed class CompiledSchema(CrdSchema schema) : ICustomResourceSchema
    {
        public CrdSchema Schema => schema;

        public IReadOnlyList<string> Prune(JsonObject obj) => schema.Prune(obj);

        public void ApplyDefaults(JsonObject obj) => schema.ApplyDefaults(obj);

        public IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? oldObj) => schema.Validate(obj, oldObj);
    }
}
