using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// Turns OpenAPI schemas (v3 <c>components.schemas</c>, v2 <c>definitions</c>, or an inline CRD schema)
/// into <see cref="PatchMeta"/> trees. Named types are built once and shared, which keeps recursive
/// types finite.
/// </summary>
internal sealed class PatchMetaBuilder(Func<string, JsonObject?> resolve)
{
    private readonly Dictionary<string, PatchMetaType> _types = new(StringComparer.Ordinal);

    public PatchMeta Node(JsonObject schema)
    {
        var refName = RefName(schema);
        PatchMetaType? type = null;
        if (refName is not null)
        {
            type = NamedType(refName);
        }
        else if (schema["properties"] is JsonObject || schema["additionalProperties"] is JsonObject)
        {
            type = new PatchMetaType { MapType = JsonNodes.AsString(schema["x-kubernetes-map-type"]) };
            Fill(type, schema);
        }

        var items = schema["items"] is JsonObject itemSchema ? Node(itemSchema) : null;
        var keys = schema["x-kubernetes-list-map-keys"] is JsonArray keyArray
            ? keyArray.Select(k => JsonNodes.AsString(k) ?? string.Empty).ToArray()
            : [];
        var defaultValue = schema["default"] is JsonValue scalar ? scalar.DeepClone() : null;
        return new PatchMeta(
            JsonNodes.AsString(schema["x-kubernetes-patch-strategy"]),
            JsonNodes.AsString(schema["x-kubernetes-patch-merge-key"]),
            JsonNodes.AsString(schema["x-kubernetes-list-type"]),
            keys,
            refName is null ? null : JsonNodes.AsString(schema["x-kubernetes-map-type"]),
            defaultValue,
            items,
            type);
    }

    /// <summary>The referenced type name of <c>$ref</c> or of the <c>allOf: [{$ref}]</c> wrapper the v3 documents use.</summary>
    public static string? RefName(JsonObject schema)
    {
        var reference = JsonNodes.AsString(schema["$ref"]);
        if (reference is null && schema["allOf"] is JsonArray allOf && allOf.Count == 1 && allOf[0] is JsonObject only)
        {
            reference = JsonNodes.AsString(only["$ref"]);
        }

        return reference?[(reference.LastIndexOf('/') + 1)..];
    }

    private PatchMetaType NamedType(string name)
    {
        if (_types.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var type = new PatchMetaType();
        _types[name] = type;
        if (resolve(name) is { } schema)
        {
            type.MapType = JsonNodes.AsString(schema["x-kubernetes-map-type"]);
            Fill(type, schema);
        }

        return type;
    }

    private void Fill(PatchMetaType type, JsonObject schema)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                if (value is JsonObject propertySchema)
                {
                    type.Properties[name] = Node(propertySchema);
                }
            }
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            type.AdditionalProperties = Node(additional);
        }
    }
}
