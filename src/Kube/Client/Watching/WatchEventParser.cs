using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Client;

/// <summary>
/// Parses one line of a watch stream (<c>{"type":"ADDED","object":{...}}</c>). An ERROR event becomes
/// the matching <see cref="KubernetesApiException"/> (410 as <see cref="GoneException"/>), never a skipped line.
/// </summary>
public static class WatchEventParser
{
    /// <summary>Parses one event.</summary>
    /// <exception cref="KubernetesApiException">The event is an ERROR event.</exception>
    /// <exception cref="JsonException">The line is not a watch event.</exception>
    public static WatchEvent<T> Parse<T>(string line, JsonTypeInfo<T> objectType, JsonTypeInfo<V1Status> statusType)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(statusType);
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"Watch event without a \"type\": {Truncate(line)}");
        }

        var type = ParseType(typeElement.GetString()!, line);
        root.TryGetProperty("object", out var obj);
        if (type == WatchEventType.Error)
        {
            var status = obj.ValueKind == JsonValueKind.Object ? obj.Deserialize(statusType) : null;
            throw ApiErrors.FromWatchError(status);
        }

        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Watch event {type} without an \"object\": {Truncate(line)}");
        }

        return new WatchEvent<T>(type, obj.Deserialize(objectType));
    }

    private static WatchEventType ParseType(string type, string line) => type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        "ERROR" => WatchEventType.Error,
        _ => throw new JsonException($"Unknown watch event type '{type}': {Truncate(line)}"),
    };

    private static string Truncate(string line) => line.Length <= 200 ? line : line[..200] + "...";
}
