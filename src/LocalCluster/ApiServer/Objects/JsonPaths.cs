using System.Globalization;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// The simple JSONPath subset CRDs use for printer columns and scale paths: <c>.a.b</c>, <c>.a[0].b</c> and
/// <c>.a[?(@.type=="Ready")].status</c> (the first match).
/// </summary>
internal static class JsonPaths
{
    public static JsonNode? Read(JsonNode? root, string path)
    {
        var node = root;
        foreach (var segment in Segments(path))
        {
            if (node is null) return null;
            node = segment switch
            {
                { Filter: { } filter } => (node as JsonArray)?.FirstOrDefault(item =>
                    item is JsonObject o && o[filter.Field]?.ToString() == filter.Value),
                { Index: { } index } => node is JsonArray a && index < a.Count ? a[index] : null,
                _ => (node as JsonObject)?[segment.Name!],
            };
        }
        return node;
    }

    public static void Write(JsonObject root, string path, JsonNode value)
    {
        var segments = Segments(path).ToList();
        JsonObject current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var name = segments[i].Name ?? throw new ArgumentException($"unsupported path {path}", nameof(path));
            if (current[name] is not JsonObject next)
            {
                next = [];
                current[name] = next;
            }
            current = next;
        }
        current[segments[^1].Name ?? throw new ArgumentException($"unsupported path {path}", nameof(path))] = value;
    }

    private sealed record Segment(string? Name, int? Index, (string Field, string Value)? Filter);

    private static IEnumerable<Segment> Segments(string path)
    {
        var text = path.Trim().TrimStart('{').TrimEnd('}').TrimStart('$');
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                continue;
            }
            if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0) yield break;
                var inner = text[(i + 1)..end];
                i = end + 1;
                if (inner.StartsWith("?(@.", StringComparison.Ordinal))
                {
                    var condition = inner[4..].TrimEnd(')');
                    var eq = condition.IndexOf("==", StringComparison.Ordinal);
                    if (eq > 0) yield return new Segment(null, null, (condition[..eq].Trim(), condition[(eq + 2)..].Trim().Trim('"', '\'')));
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    yield return new Segment(null, index, null);
                }
                continue;
            }
            var start = i;
            while (i < text.Length && text[i] != '.' && text[i] != '[') i++;
            yield return new Segment(text[start..i], null, null);
        }
    }
}
