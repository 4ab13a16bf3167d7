using System.Text.Json.Nodes;

namespace VisitCounter.TestSupport.OpenApi;

/// <summary>
/// Validates Kubernetes objects against the official OpenAPI documents in <c>../shared/kubernetes-openapi/</c>
/// (or against any single schema, such as a CRD's openAPIV3Schema), so a misspelt field or a wrong type fails a test
/// instead of a user's cluster. The v3 documents are consulted before the v2 one, as they are newer and exact.
/// </summary>
public sealed class OpenApiValidator
{
    private static readonly Lazy<OpenApiValidator> Shared = new(() => Load(RepositoryPaths.KubernetesOpenApiDirectory));

    private readonly IReadOnlyList<OpenApiDocument> _documents;
    private readonly Dictionary<(string Group, string Version, string Kind), (OpenApiDocument Document, string Name)> _byKind = [];

    private OpenApiValidator(IReadOnlyList<OpenApiDocument> documents)
    {
        _documents = documents;
        foreach (var document in documents)
        {
            foreach (var (name, schema) in document.Schemas)
            {
                foreach (var gvk in (schema["x-kubernetes-group-version-kind"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var key = (gvk["group"]?.GetValue<string>() ?? "", gvk["version"]!.GetValue<string>(), gvk["kind"]!.GetValue<string>());

                    // Option types (DeleteOptions, ...) list many GVKs; the definition named after the kind is the one meant.
                    if (!_byKind.TryGetValue(key, out var existing)
                        || (!existing.Name.EndsWith("." + key.Item3, StringComparison.Ordinal) && name.EndsWith("." + key.Item3, StringComparison.Ordinal)))
                    {
                        _byKind[key] = (document, name);
                    }
                }
            }
        }
    }

    /// <summary>The validator over the shared schema directory, loaded once per test process.</summary>
    public static OpenApiValidator Load() => Shared.Value;

    /// <summary>Loads every <c>v3_*.json</c> and then every <c>swagger_*.json</c> in <paramref name="directory"/>.</summary>
    public static OpenApiValidator Load(string directory)
    {
        var files = Directory.GetFiles(directory, "v3_*.json").Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(directory, "swagger_*.json").Order(StringComparer.Ordinal))
            .ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"No OpenAPI documents (v3_*.json, swagger_*.json) in {directory}.");
        }

        return new OpenApiValidator(files.Select(OpenApiDocument.Load).ToList());
    }

    /// <summary>Validates an object against the definition its <c>apiVersion</c> and <c>kind</c> name.</summary>
    /// <returns>One line per problem, starting with the field path; empty when valid.</returns>
    public IReadOnlyList<string> Validate(JsonNode obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = (obj["apiVersion"] as JsonValue)?.GetValue<string>();
        var kind = (obj["kind"] as JsonValue)?.GetValue<string>();
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            return ["(root): apiVersion and kind are required to pick a schema"];
        }

        var slash = apiVersion.LastIndexOf('/');
        var key = slash < 0 ? ("", apiVersion, kind) : (apiVersion[..slash], apiVersion[(slash + 1)..], kind);
        return _byKind.TryGetValue(key, out var target)
            ? Check(obj, target.Document, target.Name)
            : [$"(root): no schema for {apiVersion} {kind} in the official documents"];
    }

    /// <summary>
    /// Validates an object against a named definition: a v3 name (<c>io.k8s.api.apps.v1.StatefulSetSpec</c>)
    /// or a v2 name (<c>v1.CustomResourceDefinition</c>); a full name also finds its shortened v2 form.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No document has the definition.</exception>
    public IReadOnlyList<string> ValidateDefinition(JsonNode obj, string definitionName)
    {
        ArgumentNullException.ThrowIfNull(obj);
        foreach (var document in _documents)
        {
            if (document.FindDefinition(definitionName) is { } name)
            {
                return Check(obj, document, name);
            }
        }

        throw new KeyNotFoundException($"No definition named {definitionName} in {string.Join(", ", _documents.Select(d => d.Name))}.");
    }

    /// <summary>Whether some document defines <paramref name="definitionName"/>.</summary>
    public bool HasDefinition(string definitionName) => _documents.Any(d => d.FindDefinition(definitionName) is not null);

    /// <summary>Validates an object against a standalone schema, e.g. a custom resource against its CRD's openAPIV3Schema.</summary>
    public static IReadOnlyList<string> ValidateSchema(JsonNode obj, JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var document = OpenApiDocument.ForSchema("schema", schema);
        var walker = new SchemaWalker(document, customResourceRoot: true);
        walker.Check(obj, schema, "");
        return walker.Errors;
    }

    private static IReadOnlyList<string> Check(JsonNode obj, OpenApiDocument document, string name)
    {
        var walker = new SchemaWalker(document);
        walker.Check(obj, document.Schemas[name], "", name);
        return walker.Errors;
    }
}
