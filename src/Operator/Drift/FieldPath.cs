using System.Text.Json.Nodes;

namespace VisitCounter.Operator.Drift;

/// <summary>
/// Removes a field named by a <see cref="SemanticComparer"/> path (<c>spec.a.b</c>, list items as <c>[name=x]</c>)
/// from a JSON tree, so a field the server does not keep can be left out of the next apply.
/// </summary>
public static class FieldPath
{
    /// <summary>Removes the field at <paramref name="path"/> from <paramref name="root"/>; false when it is not there.</summary>
    public static bool Remove(JsonObject root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var segments = Split(path);
        JsonNode? current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var last = i == segments.Count - 1;
            if (segment.StartsWith('['))
            {
                if (current is not JsonArray array)
                {
                    return false;
                }

                var item = array.FirstOrDefault(e => Matches(e, segment[1..^1]));
                if (item is null)
                {
                    return false;
                }

                if (last)
                {
                    return array.Remove(item);
                }

                current = item;
            }
            else
            {
                if (current is not JsonObject obj || !obj.ContainsKey(segment))
                {
                    return false;
                }

                if (last)
                {
                    return obj.Remove(segment);
                }

                current = obj[segment];
            }
        }

        return false;
    }

    private static bool Matches(JsonNode? item, string keys) =>
        keys.Split(',').All(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = pair[..eq];
            var value = pair[(eq + 1)..];
            var actual = item?[key];
            var text = actual is JsonValue v && v.TryGetValue<string>(out var s) ? s : actual?.ToJsonString() ?? (key == "protocol" ? "TCP" : string.Empty);
            return string.Equals(text, value, StringComparison.Ordinal);
        });

    private static List<string> Split(string path)
    {
        var segments = new List<string>();
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '[')
            {
                if (i > start)
                {
                    segments.Add(path[start..i]);
                }

                var end = path.IndexOf(']', i);
                segments.Add(path[i..(end + 1)]);
                i = end;
                start = end + 1;
                if (start < path.Length && path[start] == '.')
                {
                    start++;
                    i++;
                }
            }
            else if (path[i] == '.')
            {
                segments.Add(path[start..i]);
                start = i + 1;
            }
        }

        if (start < path.Length)
        {
            segments.Add(path[start..]);
        }

        return segments;
    }
}
