using System.Globalization;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>Reads and writes <c>metadata</c> fields of an object kept as JSON.</summary>
internal static class Meta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata) return metadata;
        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string? String(JsonObject obj, string field) =>
        obj["metadata"] is JsonObject m && m[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Name(JsonObject obj) => String(obj, "name") ?? "";

    public static string Namespace(JsonObject obj) => String(obj, "namespace") ?? "";

    public static string? ResourceVersion(JsonObject obj) => String(obj, "resourceVersion");

    public static long ResourceVersionNumber(JsonObject obj) =>
        long.TryParse(ResourceVersion(obj), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static string? Uid(JsonObject obj) => String(obj, "uid");

    public static bool IsDeleting(JsonObject obj) => String(obj, "deletionTimestamp") is not null;

    public static long Generation(JsonObject obj) =>
        Patching.JsonNodes.AsInteger(obj["metadata"]?["generation"]) ?? 0;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var s)) labels[key] = s;
            }
        }
        return labels;
    }

    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray list
            ? list.Select(f => f?.GetValue<string>() ?? "").Where(f => f.Length > 0).ToList()
            : [];

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        var metadata = Of(obj);
        if (finalizers.Count == 0) metadata.Remove("finalizers");
        else metadata["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());
    }

    /// <summary>RFC 3339 in UTC with whole seconds, the form metav1.Time serializes to.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
