using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// Strict checks of built-in objects against Kubernetes' official OpenAPI documents
/// (<c>../shared/kubernetes-openapi</c>): fields the schema does not declare (a misspelt
/// <c>spec.replicass</c>) and values of the wrong JSON type. Loaded once; read-only afterwards.
/// </summary>
public sealed class BuiltinSchemas
{
    private readonly List<Document> _documents;

    private BuiltinSchemas(List<Document> documents) => _documents = documents;

    /// <summary>Reads <c>v3_*.json</c> (preferred) and <c>swagger*.json</c> from <paramref name="folder"/>.</summary>
    public static BuiltinSchemas Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"OpenAPI folder \"{folder}\" does not exist; pass the folder holding v3_api_v1.json");
        }

        var files = Directory.GetFiles(folder, "v3_*.json").Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(folder, "swagger*.json").Order(StringComparer.Ordinal));
        return new BuiltinSchemas(files.Select(f => Document.Of(JsonNodes.Materialize(JsonNode.Parse(File.ReadAllText(f)) as JsonObject
            ?? throw new InvalidDataException($"{f} is not a JSON object")))).ToList());
    }

    /// <summary>True when a schema for the object's apiVersion/kind is known.</summary>
    public bool Knows(JsonObject obj) => Find(obj) is not null;

    /// <summary>Paths of fields the official schema does not declare, e.g. <c>spec.replicass</c>; empty for unknown kinds.</summary>
    public IReadOnlyList<string> UnknownFields(JsonObject obj)
    {
        var unknown = new List<string>();
        if (Find(obj) is var (document, schema))
        {
            Walk(document, schema, obj, string.Empty, unknown, null);
        }

        return unknown;
    }

    /// <summary>Fields whose JSON type differs from the schema, with the same wording as CRD validation.</summary>
    public IReadOnlyList<FieldError> TypeErrors(JsonObject obj)
    {
        var errors = new List<FieldError>();
        if (Find(obj) is var (document, schema))
        {
            Walk(document, schema, obj, string.Empty, null, errors);
        }

        return errors;
    }

    /// <summary>
    /// The first value of the wrong JSON type as the real server's Go decoder reports it (it answers 400
    /// BadRequest: <c>StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal
    /// string into Go struct field StatefulSetSpec.spec.replicas of type int32</c>); null when the types fit.
    /// The text returned starts at <c>json:</c>.
    /// </summary>
    public string? DecodeError(JsonObject obj)
    {
        if (Find(obj) is not var (document, schema))
        {
            return null;
        }

        return GoDecodeError(document, schema, obj, document.Kinds[KindKey(obj)], []);
    }

    private static string KindKey(JsonObject obj) =>
        (JsonNodes.AsString(obj["apiVersion"]) ?? string.Empty) + "/" + (JsonNodes.AsString(obj["kind"]) ?? string.Empty);

    private static string? GoDecodeError(Document document, JsonObject schema, JsonNode? value, string structName, List<string> fields)
    {
        var typeName = PatchMetaBuilder.RefName(schema) ?? structName;
        schema = document.Resolve(schema);
        if (value is null)
        {
            return null;
        }

        var allowed = AllowedTypes(document, schema);
        var actual = SchemaValidator.TypeOf(value);
        if (allowed.Count > 0 && !allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
        {
            var jsonKind = actual switch { "integer" => "number", "boolean" => "bool", _ => actual };
            return $"json: cannot unmarshal {jsonKind} into Go struct field {ShortName(structName)}.{string.Join(".", fields)} of type {GoType(document, schema, typeName)}";
        }

        switch (value)
        {
            case JsonObject obj when schema["properties"] is JsonObject properties:
                foreach (var (name, child) in obj)
                {
                    if (properties[name] is JsonObject propertySchema)
                    {
                        fields.Add(name);
                        var error = GoDecodeError(document, propertySchema, child, typeName, fields);
                        fields.RemoveAt(fields.Count - 1);
                        if (error is not null)
                        {
                            return error;
                        }
                    }
                }

                return null;
            case JsonArray array when schema["items"] is JsonObject items:
                return array.Select(item => GoDecodeError(document, items, item, structName, fields)).FirstOrDefault(e => e is not null);
            default:
                return null;
        }
    }

    /// <summary><c>io.k8s.api.apps.v1.StatefulSetSpec</c> → <c>StatefulSetSpec</c>; v2 names (<c>v1.LeaseSpec</c>) likewise.</summary>
    private static string ShortName(string schemaName) => schemaName[(schemaName.LastIndexOf('.') + 1)..];

    /// <summary>The Go type the decoder names: <c>int32</c>, <c>bool</c>, <c>[]v1.Container</c>, <c>map[string]string</c>, <c>v1.PodSpec</c>.</summary>
    private static string GoType(Document document, JsonObject schema, string typeName)
    {
        var format = JsonNodes.AsString(schema["format"]);
        switch (JsonNodes.AsString(schema["type"]))
        {
            case "integer":
                return format is "int32" or "int64" ? format : "int";
            case "number":
                return format == "float" ? "float32" : "float64";
            case "boolean":
                return "bool";
            case "string":
                return "string";
            case "array" when schema["items"] is JsonObject items:
                var itemName = PatchMetaBuilder.RefName(items);
                return "[]" + (itemName is null ? GoType(document, items, typeName) : PackageQualified(itemName));
            case "object" when schema["additionalProperties"] is JsonObject values:
                return "map[string]" + GoType(document, document.Resolve(values), typeName);
            default:
                return PackageQualified(typeName);
        }
    }

    /// <summary><c>io.k8s.api.core.v1.PodSpec</c> → <c>v1.PodSpec</c>, as Go prints a named type.</summary>
    private static string PackageQualified(string schemaName)
    {
        var parts = schemaName.Split('.');
        return parts.Length >= 2 ? parts[^2] + "." + parts[^1] : schemaName;
    }

    private (Document, JsonObject)? Find(JsonObject obj)
    {
        var key = (JsonNodes.AsString(obj["apiVersion"]) ?? string.Empty) + "/" + (JsonNodes.AsString(obj["kind"]) ?? string.Empty);
        foreach (var document in _documents)
        {
            if (document.Kinds.TryGetValue(key, out var name) && document.Schemas[name] is JsonObject schema)
            {
                return (document, schema);
            }
        }

        return null;
    }

    private static void Walk(Document document, JsonObject schema, JsonNode? value, string path, List<string>? unknown, List<FieldError>? errors)
    {
        schema = document.Resolve(schema);
        if (value is null)
        {
            return; // Go decodes null into any field as its zero value
        }

        var allowed = AllowedTypes(document, schema);
        var actual = SchemaValidator.TypeOf(value);
        if (allowed.Count > 0 && !allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
        {
            errors?.Add(FieldErrors.TypeInvalid(path, actual, $"{path} in body must be of type {string.Join(",", allowed)}: {GoFormat.Quote(actual)}"));
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                var properties = schema["properties"] as JsonObject;
                var additional = schema["additionalProperties"] as JsonObject;
                foreach (var (name, child) in obj)
                {
                    var childPath = path.Length == 0 ? name : path + "." + name;
                    if (properties?[name] is JsonObject propertySchema)
                    {
                        Walk(document, propertySchema, child, childPath, unknown, errors);
                    }
                    else if (additional is not null)
                    {
                        Walk(document, additional, child, childPath, unknown, errors);
                    }
                    else if (properties is not null && JsonNodes.AsBool(schema["x-kubernetes-preserve-unknown-fields"]) != true)
                    {
                        unknown?.Add(childPath);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(document, items, array[i], $"{path}[{i}]", unknown, errors);
                }

                break;
        }
    }

    /// <summary>The JSON types a schema accepts: its <c>type</c>, or the types of its <c>oneOf</c> (IntOrString, Quantity); empty means any.</summary>
    private static List<string> AllowedTypes(Document document, JsonObject schema)
    {
        if (JsonNodes.AsString(schema["type"]) is { } type)
        {
            return [type];
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            return oneOf.OfType<JsonObject>().Select(o => JsonNodes.AsString(document.Resolve(o)["type"])).OfType<string>().ToList();
        }

        return schema["properties"] is not null ? ["object"] : [];
    }

    private sealed record Document(JsonObject Schemas, Dictionary<string, string> Kinds)
    {
        public static Document Of(JsonObject document)
        {
            var schemas = document["components"]?["schemas"] as JsonObject ?? document["definitions"] as JsonObject ?? [];
            var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, schema) in schemas)
            {
                if (schema?["x-kubernetes-group-version-kind"] is JsonArray { Count: 1 } gvks)
                {
                    var group = JsonNodes.AsString(gvks[0]?["group"]) ?? string.Empty;
                    var version = JsonNodes.AsString(gvks[0]?["version"]) ?? string.Empty;
                    var kind = JsonNodes.AsString(gvks[0]?["kind"]) ?? string.Empty;
                    kinds.TryAdd((group.Length == 0 ? version : group + "/" + version) + "/" + kind, name);
                }
            }

            return new Document(schemas, kinds);
        }

        /// <summary>Follows <c>$ref</c> and the single-element <c>allOf</c> wrapper to the schema that says something.</summary>
        public JsonObject Resolve(JsonObject schema)
        {
            for (var depth = 0; depth < 16 && PatchMetaBuilder.RefName(schema) is { } name && Schemas[name] is JsonObject target; depth++)
            {
                schema = target;
            }

            return schema;
        }
    }
}
