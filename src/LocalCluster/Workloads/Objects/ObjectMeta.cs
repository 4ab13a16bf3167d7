using System.Globalization;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Workloads.Objects;

/// <summary>
/// Read-only accessors for the <c>metadata</c> of objects kept as JSON in the local store.
/// The workload controllers work on <see cref="JsonObject"/> directly (as an unstructured client would),
/// so that fields they do not know survive their writes.
/// </summary>
internal static class ObjectMeta
{
    public static JsonObject Metadata(this JsonObject obj) =>
        obj["metadata"] as JsonObject ?? throw new InvalidOperationException("object has no metadata");

    public static string Name(this JsonObject obj) => obj.Metadata()["name"]?.GetValue<string>() ?? "";

    public static string Namespace(this JsonObject obj) => obj.Metadata()["namespace"]?.GetValue<string>() ?? "";

    public static string Uid(this JsonObject obj) => obj.Metadata()["uid"]?.GetValue<string>() ?? "";

    public static string ResourceVersion(this JsonObject obj) => obj.Metadata()["resourceVersion"]?.GetValue<string>() ?? "";

    public static long Generation(this JsonObject obj) => JsonNumber.AsInt64(obj.Metadata()["generation"]) ?? 0;

    public static string Kind(this JsonObject obj) => obj["kind"]?.GetValue<string>() ?? "";

    public static string ApiVersion(this JsonObject obj) => obj["apiVersion"]?.GetValue<string>() ?? "";

    public static bool IsTerminating(this JsonObject obj) => obj.Metadata()["deletionTimestamp"] is not null;

    public static DateTimeOffset? DeletionTimestamp(this JsonObject obj) =>
        Timestamp(obj.Metadata()["deletionTimestamp"]);

    public static long? DeletionGracePeriodSeconds(this JsonObject obj) =>
        JsonNumber.AsInt64(obj.Metadata()["deletionGracePeriodSeconds"]);

    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) => StringMap(obj.Metadata()["labels"]);

    public static IReadOnlyList<string> Finalizers(this JsonObject obj) =>
        obj.Metadata()["finalizers"] is JsonArray array
            ? array.Select(f => f?.GetValue<string>() ?? "").Where(f => f.Length > 0).ToList()
            : [];

    public static IReadOnlyList<OwnerReference> OwnerReferences(this JsonObject obj) =>
        obj.Metadata()["ownerReferences"] is JsonArray array
            ? array.OfType<JsonObject>().Select(OwnerReference.FromJson).ToList()
            : [];

    /// <summary>The owner reference marked <c>controller: true</c>, as Kubernetes' GetControllerOf.</summary>
    public static OwnerReference? ControllerOf(this JsonObject obj) =>
        obj.OwnerReferences().FirstOrDefault(r => r.Controller);

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node) =>
        node is JsonObject map
            ? map.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public static DateTimeOffset? Timestamp(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary>RFC 3339 with second precision, as metav1.Time serialises.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Key(string ns, string name) => ns.Length == 0 ? name : ns + "/" + name;

    public static string Key(this JsonObject obj) => Key(obj.Namespace(), obj.Name());
}
