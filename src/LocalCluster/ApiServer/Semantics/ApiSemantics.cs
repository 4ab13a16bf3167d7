using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Semantics;

/// <summary>
/// The one place the core calls the pure semantics library (src/LocalCluster/Patching and Validation):
/// patches, server-side apply, managed fields, schema compilation and built-in validation. Library
/// exceptions are translated into the API errors the real server answers.
/// </summary>
internal sealed class ApiSemantics
{
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

    /// <summary>
    /// Compiles one CRD version's schema. <paramref name="fieldPath"/> prefixes the fields of compile errors
    /// (e.g. <c>spec.versions[0].schema.openAPIV3Schema</c>).
    /// </summary>
    public ICustomResourceSchema? CompileSchema(JsonObject openApiV3Schema, string fieldPath)
    {
        _ = openApiV3Schema;
        _ = fieldPath;
        return null;
    }

    /// <summary>Unknown fields of a built-in object (only when the official OpenAPI documents are loaded).</summary>
    public IReadOnlyList<string> UnknownBuiltinFields(JsonObject obj)
    {
        _ = obj;
        return [];
    }

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

    private static JsonNode? Step(JsonNode node, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? segment : segment[..bracket];
        var next = node is JsonObject o ? o[name] : null;
        if (bracket >= 0 && next is JsonArray array &&
            int.TryParse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture, out var index) &&
            index >= 0 && index < array.Count)
        {
            return array[index];
        }
        return bracket < 0 ? next : null;
    }

    /// <summary>Object-name rules (DNS-1123 subdomain, DNS-1035 label for Services, ...).</summary>
    public IReadOnlyList<FieldError> ValidateName(string resource, JsonObject obj)
    {
        _ = resource;
        _ = obj;
        return None;
    }

    /// <summary>The built-in kinds' validation our flows meet (StatefulSet immutability, Service ports, ...).</summary>
    public IReadOnlyList<FieldError> ValidateBuiltin(Resources.ResourceRef resource, JsonObject obj, JsonObject? oldObj)
    {
        _ = resource;
        _ = obj;
        _ = oldObj;
        return None;
    }

    /// <summary>Records an Update operation of <paramref name="manager"/> in newObj's managedFields.</summary>
    public void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, DateTimeOffset now)
    {
        _ = oldObj;
        _ = newObj;
        _ = manager;
        _ = now;
    }

    /// <summary>True when strategic merge patch is defined for the kind (built-ins only).</summary>
    public bool SupportsStrategicMerge(string apiVersion, string kind)
    {
        _ = apiVersion;
        _ = kind;
        return false;
    }

    /// <summary>Strategic merge patch of a built-in object.</summary>
    public JsonNode StrategicMerge(JsonNode target, JsonNode patch, string apiVersion, string kind)
    {
        _ = target;
        _ = patch;
        throw ApiException.UnsupportedMediaType([$"strategic merge for {apiVersion} {kind} is not available yet"]);
    }

    /// <summary>Server-side apply of <paramref name="applied"/> by <paramref name="manager"/>.</summary>
    /// <exception cref="ApiException">409 with one cause per conflicting field, unless <paramref name="force"/>.</exception>
    public JsonObject ServerSideApply(JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now, string apiVersion, string kind)
    {
        _ = manager;
        _ = force;
        _ = now;
        _ = apiVersion;
        _ = kind;
        return live is null ? applied : (JsonObject)JsonMergePatch.Apply(live, applied)!;
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

    /// <summary>Errors the library reports for names; empty list when none.</summary>
    public static IReadOnlyList<FieldError> None { get; } = [];
}
