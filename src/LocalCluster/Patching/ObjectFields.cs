using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// Walks objects the way structured-merge-diff does to find which field paths they set and which
/// differ between two versions, naming list elements by key (<c>k:</c>), by value (<c>v:</c>) or
/// as a whole (atomic lists), as <see cref="PatchMeta"/> says.
/// </summary>
internal static class ObjectFields
{
    /// <summary>
    /// The leaf paths an object sets: scalars, atomic lists and maps, set and map list elements.
    /// Throws <see cref="PatchException"/> when <paramref name="strict"/> and a map-list element lacks a key.
    /// </summary>
    public static FieldSet Of(JsonNode? node, PatchMeta meta, bool strict)
    {
        var set = new FieldSet();
        Walk(node, meta, [], set, strict);
        return set;
    }

    /// <summary>The paths whose values differ between <paramref name="before"/> and <paramref name="after"/>, including everything added or removed.</summary>
    public static FieldSet Changed(JsonNode? before, JsonNode? after, PatchMeta meta)
    {
        var set = new FieldSet();
        Compare(before, after, meta, [], set);
        return set;
    }

    /// <summary>The paths present in <paramref name="before"/> and gone from <paramref name="after"/>.</summary>
    public static FieldSet Removed(JsonNode? before, JsonNode? after, PatchMeta meta) =>
        Of(before, meta, strict: false).Difference(Of(after, meta, strict: false));

    /// <summary>True when a value (JSON null included) exists at <paramref name="path"/>.</summary>
    public static bool Exists(JsonObject root, IReadOnlyList<string> path)
    {
        JsonNode? current = root;
        for (var i = 0; i < path.Count; i++)
        {
            if (i == path.Count - 1 && path[i].StartsWith("f:", StringComparison.Ordinal))
            {
                return current is JsonObject last && last.ContainsKey(path[i][2..]);
            }

            current = Step(current, path[i]);
            if (current is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the value at <paramref name="path"/> from <paramref name="root"/>; false when it is not there.</summary>
    public static bool Remove(JsonObject root, IReadOnlyList<string> path)
    {
        JsonNode? parent = null;
        JsonNode? current = root;
        foreach (var element in path)
        {
            parent = current;
            current = Step(current, element);
            if (current is null)
            {
                return false;
            }
        }

        switch (parent)
        {
            case JsonObject o:
                return o.Remove(path[^1][2..]);
            case JsonArray a:
                return a.Remove(current);
            default:
                return false;
        }
    }

    /// <summary>The <c>k:</c> element naming a map-list item, or null when a key field is missing and has no default.</summary>
    public static string? KeyElement(JsonObject item, PatchMeta listMeta)
    {
        var keys = new JsonObject();
        foreach (var key in listMeta.ListKeys.Order(StringComparer.Ordinal))
        {
            var value = item[key] ?? listMeta.Element.Property(key).Default;
            if (value is null)
            {
                return null;
            }

            keys[key] = value.DeepClone();
        }

        return keys.Count == 0 ? null : "k:" + JsonNodes.Canonical(keys);
    }

    private static JsonNode? Step(JsonNode? node, string element)
    {
        var body = element[2..];
        switch (element[..2])
        {
            case "f:":
                return node is JsonObject o ? o[body] : null;
            case "k:":
                if (node is not JsonArray keyed || JsonNode.Parse(body) is not JsonObject keys)
                {
                    return null;
                }

                return keyed.FirstOrDefault(i => i is JsonObject item && keys.All(k => JsonNodes.ValueEquals(item[k.Key], k.Value)));
            case "v:":
                var value = JsonNode.Parse(body);
                return node is JsonArray set ? set.FirstOrDefault(i => JsonNodes.ValueEquals(i, value)) : null;
            default:
                return node is JsonArray indexed && int.TryParse(body, out var index) && index < indexed.Count ? indexed[index] : null;
        }
    }

    private static void Walk(JsonNode? node, PatchMeta meta, List<string> path, FieldSet set, bool strict)
    {
        switch (node)
        {
            case JsonObject obj when path.Count == 0 || !meta.IsAtomicMap:
                foreach (var (key, value) in obj)
                {
                    path.Add("f:" + key);
                    Walk(value, meta.Property(key), path, set, strict);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonArray list when meta.ListKind == ListKind.Set:
                foreach (var item in list)
                {
                    set.Add([.. path, "v:" + JsonNodes.Canonical(item)]);
                }

                break;
            case JsonArray list when meta.ListKind == ListKind.Map:
                for (var i = 0; i < list.Count; i++)
                {
                    var element = list[i] is JsonObject item ? KeyElement(item, meta) : null;
                    if (element is null)
                    {
                        if (strict)
                        {
                            var keys = string.Join(", ", meta.ListKeys.Select(k => "\"" + k + "\""));
                            throw new PatchException($"{FieldSet.Display(path)}: element {i}: associative list with keys has an element that omits key field {keys} (and doesn't have default value)");
                        }

                        set.Add(path.ToArray());
                        return;
                    }

                    path.Add(element);
                    set.Add(path.ToArray());
                    Walk(list[i], meta.Element, path, set, strict);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            default:
                set.Add(path.ToArray());
                break;
        }
    }

    private static void Compare(JsonNode? before, JsonNode? after, PatchMeta meta, List<string> path, FieldSet changed)
    {
        if (before is null && after is null)
        {
            return;
        }

        if (before is null || after is null)
        {
            AddSubtree(before ?? after, meta, path, changed);
            return;
        }

        switch (before)
        {
            case JsonObject a when after is JsonObject b && (path.Count == 0 || !meta.IsAtomicMap):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    path.Add("f:" + key);
                    Compare(a[key], b[key], meta.Property(key), path, changed); // JSON null reads as absent, as in structured-merge-diff
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonArray a when after is JsonArray b && meta.ListKind == ListKind.Set:
                foreach (var item in a.Where(x => !b.Any(y => JsonNodes.ValueEquals(x, y))).Concat(b.Where(y => !a.Any(x => JsonNodes.ValueEquals(x, y)))))
                {
                    changed.Add([.. path, "v:" + JsonNodes.Canonical(item)]);
                }

                break;
            case JsonArray a when after is JsonArray b && meta.ListKind == ListKind.Map && TryIndexByKey(a, meta, out var left) && TryIndexByKey(b, meta, out var right):
                foreach (var key in left.Keys.Union(right.Keys))
                {
                    path.Add(key);
                    Compare(left.GetValueOrDefault(key), right.GetValueOrDefault(key), meta.Element, path, changed);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            default:
                if (!JsonNodes.ValueEquals(before, after))
                {
                    changed.Add(path.ToArray());
                    foreach (var member in Of(before, meta, strict: false).Union(Of(after, meta, strict: false)).Members())
                    {
                        changed.Add([.. path, .. member]);
                    }
                }

                break;
        }
    }

    /// <summary>An added or removed value: its path, every object inside it and every leaf, as a comparison reports them.</summary>
    private static void AddSubtree(JsonNode? node, PatchMeta meta, List<string> path, FieldSet changed)
    {
        changed.Add(path.ToArray());
        if (node is JsonObject obj && !meta.IsAtomicMap)
        {
            foreach (var (key, value) in obj)
            {
                path.Add("f:" + key);
                AddSubtree(value, meta.Property(key), path, changed);
                path.RemoveAt(path.Count - 1);
            }

            return;
        }

        foreach (var member in Of(node, meta, strict: false).Members())
        {
            changed.Add([.. path, .. member]);
        }
    }

    private static bool TryIndexByKey(JsonArray list, PatchMeta meta, out Dictionary<string, JsonNode> byKey)
    {
        byKey = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            if (item is not JsonObject obj || KeyElement(obj, meta) is not { } key || !byKey.TryAdd(key, obj))
            {
                return false;
            }
        }

        return true;
    }
}
