using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// Patch metadata for built-in kinds, read from OpenAPI documents. The server loads it once from the
/// official documents folder (<see cref="Load"/>); without that folder <see cref="Builtin"/> serves the
/// kinds the local cluster knows from a subset generated from the same documents
/// (<see cref="BuiltinPatchMetaDocument"/>, kept in sync by a test).
/// </summary>
public sealed class PatchMetaCatalog
{
    /// <summary>The kinds the local API server serves, whose metadata the generated subset carries.</summary>
    public static readonly IReadOnlyList<(string ApiVersion, string Kind)> ServedKinds =
    [
        ("v1", "Pod"), ("v1", "Service"), ("v1", "PersistentVolumeClaim"), ("v1", "Event"), ("v1", "Namespace"),
        ("apps/v1", "StatefulSet"), ("autoscaling/v1", "Scale"), ("coordination.k8s.io/v1", "Lease"),
        ("v1", "Secret"), ("v1", "ConfigMap"), ("v1", "ServiceAccount"), ("apps/v1", "Deployment"), ("apps/v1", "ReplicaSet"),
        ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("rbac.authorization.k8s.io/v1", "RoleBinding"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("policy/v1", "PodDisruptionBudget"),
    ];

    private static readonly Lazy<PatchMetaCatalog> BuiltinCatalog =
        new(() => FromDocuments([BuiltinPatchMetaDocument.Load()]));

    private readonly List<Source> _sources;
    private readonly Dictionary<string, PatchMeta?> _byKind = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private PatchMetaCatalog(List<Source> sources) => _sources = sources;

    /// <summary>The catalog generated from the official documents for <see cref="ServedKinds"/>.</summary>
    public static PatchMetaCatalog Builtin => BuiltinCatalog.Value;

    /// <summary>
    /// Reads every OpenAPI document in <paramref name="folder"/> (<c>v3_*.json</c> first, then <c>swagger*.json</c>
    /// for kinds only the v2 document has, such as Lease).
    /// </summary>
    public static PatchMetaCatalog Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"OpenAPI folder \"{folder}\" does not exist; pass the folder holding v3_api_v1.json");
        }

        var files = Directory.GetFiles(folder, "v3_*.json").Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(folder, "swagger*.json").Order(StringComparer.Ordinal));
        var documents = files.Select(f => JsonNode.Parse(File.ReadAllText(f)) as JsonObject
            ?? throw new InvalidDataException($"{f} is not a JSON object")).ToList();
        return FromDocuments(documents);
    }

    /// <summary>Builds a catalog from parsed documents; earlier documents win when several define a kind.</summary>
    public static PatchMetaCatalog FromDocuments(IEnumerable<JsonObject> documents) =>
        new(documents.Select(Source.Of).ToList());

    /// <summary>The metadata of a kind, or null when no document defines it (custom resources).</summary>
    public PatchMeta? ForKind(string apiVersion, string kind)
    {
        var key = apiVersion + "/" + kind;
        lock (_gate)
        {
            if (_byKind.TryGetValue(key, out var cached))
            {
                return cached;
            }

            PatchMeta? meta = null;
            foreach (var source in _sources)
            {
                if (source.Kinds.TryGetValue(key, out var typeName))
                {
                    meta = source.Builder.Node(new JsonObject { ["$ref"] = "#/" + typeName });
                    break;
                }
            }

            _byKind[key] = meta;
            return meta;
        }
    }

    /// <summary>
    /// The subset of the documents that patch metadata needs for the given kinds: the types they reach,
    /// with only the fields that are objects, lists or carry an extension or a scalar default.
    /// Used to generate <see cref="BuiltinPatchMetaDocument"/>.
    /// </summary>
    public JsonObject ExtractSubset(IEnumerable<(string ApiVersion, string Kind)> kinds)
    {
        var schemas = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (apiVersion, kind) in kinds)
        {
            var source = _sources.FirstOrDefault(s => s.Kinds.ContainsKey(apiVersion + "/" + kind))
                ?? throw new ArgumentException($"no document defines {apiVersion} {kind}", nameof(kinds));
            var root = source.Kinds[apiVersion + "/" + kind];
            var pending = new Stack<string>([root]);
            while (pending.Count > 0)
            {
                var name = pending.Pop();
                if (schemas.ContainsKey(name) || source.Resolve(name) is not { } schema)
                {
                    continue;
                }

                schemas[name] = Trim(schema, pending, keepKind: name == root);
            }
        }

        var result = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            result[name] = schema;
        }

        return new JsonObject { ["components"] = new JsonObject { ["schemas"] = result } };
    }

    private static JsonObject Trim(JsonObject schema, Stack<string> pending, bool keepKind)
    {
        var trimmed = new JsonObject();
        foreach (var (key, value) in schema)
        {
            var keep = key.StartsWith("x-kubernetes-", StringComparison.Ordinal)
                && (key != "x-kubernetes-group-version-kind" || keepKind)
                && key != "x-kubernetes-action" && key != "x-kubernetes-unions";
            if (keep)
            {
                trimmed[key] = value?.DeepClone();
            }
        }

        if (PatchMetaBuilder.RefName(schema) is { } refName)
        {
            pending.Push(refName);
            trimmed["$ref"] = "#/components/schemas/" + refName;
        }

        if (schema["default"] is JsonValue scalarDefault)
        {
            trimmed["default"] = scalarDefault.DeepClone();
        }

        if (schema["items"] is JsonObject items)
        {
            trimmed["items"] = Trim(items, pending, false);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            var trimmedAdditional = Trim(additional, pending, false);
            if (trimmedAdditional.Count > 0)
            {
                trimmed["additionalProperties"] = trimmedAdditional;
            }
        }

        if (schema["properties"] is JsonObject properties)
        {
            var kept = new JsonObject();
            foreach (var (name, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (value is JsonObject property && Trim(property, pending, false) is { Count: > 0 } t)
                {
                    kept[name] = t;
                }
            }

            if (kept.Count > 0)
            {
                trimmed["properties"] = kept;
            }
        }

        return trimmed;
    }

    private sealed record Source(Dictionary<string, string> Kinds, Func<string, JsonObject?> Resolve, PatchMetaBuilder Builder)
    {
        public static Source Of(JsonObject document)
        {
            var schemas = document["components"]?["schemas"] as JsonObject ?? document["definitions"] as JsonObject ?? [];
            JsonObject? Resolve(string name) => schemas[name] as JsonObject;
            var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, schema) in schemas)
            {
                if (schema?["x-kubernetes-group-version-kind"] is not JsonArray gvks || gvks.Count != 1)
                {
                    continue; // several GVKs mark shared types such as DeleteOptions, not a kind's own schema
                }

                var group = JsonNodes.AsString(gvks[0]?["group"]) ?? string.Empty;
                var version = JsonNodes.AsString(gvks[0]?["version"]) ?? string.Empty;
                var kind = JsonNodes.AsString(gvks[0]?["kind"]) ?? string.Empty;
                var apiVersion = group.Length == 0 ? version : group + "/" + version;
                kinds.TryAdd(apiVersion + "/" + kind, name);
            }

            return new Source(kinds, Resolve, new PatchMetaBuilder(Resolve));
        }
    }
}
