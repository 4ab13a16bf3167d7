using System.Text.Json.Nodes;

namespace VisitCounter.TestSupport.OpenApi;

/// <summary>
/// One OpenAPI file: its named schemas (v3 <c>components.schemas</c> or v2 <c>definitions</c>) and how its
/// <c>$ref</c>s point at them. References are resolved within the same file, as the files are self-contained.
/// </summary>
public sealed class OpenApiDocument
{
    private OpenApiDocument(string name, string refPrefix, IReadOnlyDictionary<string, JsonObject> schemas)
    {
        Name = name;
        RefPrefix = refPrefix;
        Schemas = schemas;
    }

    /// <summary>The file name, for messages.</summary>
    public string Name { get; }

    /// <summary><c>#/components/schemas/</c> (v3) or <c>#/definitions/</c> (v2).</summary>
    public string RefPrefix { get; }

    /// <summary>The named schemas.</summary>
    public IReadOnlyDictionary<string, JsonObject> Schemas { get; }

    /// <summary>Reads an OpenAPI v3 or Swagger v2 document.</summary>
    public static OpenApiDocument Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new InvalidDataException($"{path} is empty.");
        var (prefix, container) = root["components"]?["schemas"] is JsonObject v3
            ? ("#/components/schemas/", v3)
            : ("#/definitions/", root["definitions"]?.AsObject() ?? throw new InvalidDataException($"{path} has neither components.schemas nor definitions."));
        var schemas = container.ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);
        return new OpenApiDocument(Path.GetFileName(path), prefix, schemas);
    }

    /// <summary>Creates a document around a single schema (e.g. a CRD's openAPIV3Schema), which has no references.</summary>
    public static OpenApiDocument ForSchema(string name, JsonObject schema)
        => new(name, "#/definitions/", new Dictionary<string, JsonObject>(StringComparer.Ordinal) { [name] = schema });

    /// <summary>The schema a <c>$ref</c> names, with the definition's name.</summary>
    public (string Name, JsonObject Schema) Resolve(string reference)
    {
        if (!reference.StartsWith(RefPrefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{Name}: unsupported $ref '{reference}'.");
        }

        var name = reference[RefPrefix.Length..];
        return Schemas.TryGetValue(name, out var schema)
            ? (name, schema)
            : throw new InvalidDataException($"{Name}: $ref '{reference}' points at no definition.");
    }

    /// <summary>
    /// The definition called <paramref name="name"/>. The v2 file shortens names (<c>v1.StatefulSet</c>), so a full
    /// Go name (<c>io.k8s.api.apps.v1.StatefulSet</c>) also matches the longest shortened key it ends with.
    /// </summary>
    public string? FindDefinition(string name)
    {
        if (Schemas.ContainsKey(name))
        {
            return name;
        }

        return Schemas.Keys
            .Where(k => name.EndsWith("." + k, StringComparison.Ordinal))
            .OrderByDescending(k => k.Length)
            .FirstOrDefault();
    }
}
