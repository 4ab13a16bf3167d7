using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.OpenApi;

/// <summary>
/// The OpenAPI v3 documents the server publishes: a root listing one document per served group-version,
/// each addressed with a content hash (kubectl caches hashed URLs forever, so the hash changes whenever
/// the document does, e.g. when a CRD's schema changes). kubectl needs them for server-side field
/// validation (a PATCH operation per kind with a <c>fieldValidation</c> parameter) and for <c>explain</c>.
/// Built-in group-versions are served from the official documents when a folder with them is configured.
/// </summary>
internal sealed class OpenApiDocuments(ResourceRegistry registry, string? officialFolder)
{
    private readonly Lock _gate = new();
    private long _generation = -1;
    private Dictionary<string, (byte[] Document, string Hash)> _documents = [];

    /// <summary>The root document (<c>GET /openapi/v3</c>).</summary>
    public JsonObject Root()
    {
        var paths = new JsonObject();
        foreach (var (key, (_, hash)) in Documents().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>One group-version document by its key (<c>api/v1</c>, <c>apis/apps/v1</c>), or null.</summary>
    public (byte[] Document, string Hash)? Find(string key) => Documents().TryGetValue(key, out var doc) ? doc : null;

    private Dictionary<string, (byte[] Document, string Hash)> Documents()
    {
        lock (_gate)
        {
            if (_generation == registry.Generation) return _documents;
            var generation = registry.Generation;
            var documents = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
            foreach (var groupVersion in registry.All.GroupBy(d => (d.Ref.Group, d.Ref.Version)))
            {
                var (group, version) = groupVersion.Key;
                var key = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
                var bytes = OfficialDocument(key) ?? Serialize(OpenApiGenerator.GroupVersionDocument(groupVersion.ToList()));
                documents[key] = (bytes, Convert.ToHexString(SHA512.HashData(bytes)));
            }
            _documents = documents;
            _generation = generation;
            return documents;
        }
    }

    private byte[]? OfficialDocument(string key)
    {
        if (officialFolder is null) return null;
        var path = Path.Combine(officialFolder, "v3_" + key.Replace('/', '_').Replace('.', '_') + ".json");
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private static byte[] Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) node.WriteTo(writer);
        return buffer.ToArray();
    }
}
