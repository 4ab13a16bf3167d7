using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in kinds: like a merge
/// patch, except that lists whose schema says <c>x-kubernetes-patch-strategy: merge</c> merge element by
/// element (by <c>x-kubernetes-patch-merge-key</c>, or by value for scalars), and the directives
/// <c>$patch: replace|delete|merge</c>, <c>$retainKeys</c>, <c>$setElementOrder/&lt;field&gt;</c> and
/// <c>$deleteFromPrimitiveList/&lt;field&gt;</c> are honoured. Never mutates its inputs.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Applies <paramref name="patch"/> (a JSON object) to <paramref name="target"/> using <paramref name="meta"/>.</summary>
    public static JsonNode Apply(JsonNode target, JsonNode patch, PatchMeta meta)
    {
        if (patch is not JsonObject patchObject)
        {
            throw new PatchException("a strategic merge patch must be a JSON object", isMalformed: true);
        }

        var original = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        return MergeMap(original, patchObject, meta)
            ?? throw new PatchException("a strategic merge patch cannot delete the whole object ($patch: delete at the top level)");
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> (owned, mutated); null means "delete this map".</summary>
    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, PatchMeta meta)
    {
        switch (JsonNodes.AsString(patch[PatchDirective]))
        {
            case null or "merge":
                break;
            case "replace":
                return MergeMap(new JsonObject(), WithoutPatchDirective(patch), meta);
            case "delete":
                return null;
            case var other:
                throw new PatchException($"Unknown patch type: {other} in map: {patch.ToJsonString()}");
        }

        if (patch[RetainKeysDirective] is JsonArray retain)
        {
            var keep = retain.Select(JsonNodes.AsString).ToHashSet(StringComparer.Ordinal);
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(key);
            }
        }

        foreach (var (key, value) in patch.Where(p => p.Key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)))
        {
            var field = key[DeleteFromPrimitiveListPrefix.Length..];
            if (original[field] is JsonArray list && value is JsonArray doomed)
            {
                foreach (var item in list.Where(i => doomed.Any(d => JsonNodes.ValueEquals(i, d))).ToList())
                {
                    list.Remove(item);
                }
            }
        }

        var liveOrders = patch.Where(p => p.Key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            .Select(p => p.Key[SetElementOrderPrefix.Length..])
            .ToDictionary(f => f, f => original[f] is JsonArray live ? live.Select(i => i?.DeepClone()).ToList() : [], StringComparer.Ordinal);

        foreach (var (key, value) in patch)
        {
            if (IsDirective(key))
            {
                continue;
            }

            var fieldMeta = meta.Property(key);
            switch (value)
            {
                case null:
                    original.Remove(key);
                    break;
                case JsonObject nested:
                    {
                        var existing = original[key] as JsonObject;
                        var start = existing is not null && fieldMeta.PatchStrategy != "replace" ? Detach(original, key, existing) : new JsonObject();
                        var merged = MergeMap(start, nested, fieldMeta);
                        if (merged is null)
                        {
                            original.Remove(key);
                        }
                        else
                        {
                            original[key] = merged;
                        }

                        break;
                    }

                case JsonArray list:
                    {
                        var existing = original[key] as JsonArray;
                        var start = existing is not null && fieldMeta.MergesLists ? Detach(original, key, existing) : new JsonArray();
                        original[key] = MergeList(start, list, fieldMeta);
                        break;
                    }

                default:
                    original[key] = value.DeepClone();
                    break;
            }
        }

        foreach (var (key, value) in patch.Where(p => p.Key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)))
        {
            var field = key[SetElementOrderPrefix.Length..];
            if (original[field] is JsonArray list && value is JsonArray order)
            {
                original[field] = Reorder(list, order, liveOrders[field], meta.Property(field).PatchMergeKey);
            }
        }

        return original;
    }

    private static JsonArray MergeList(JsonArray original, JsonArray patch, PatchMeta meta)
    {
        if (!meta.MergesLists)
        {
            return StripList(patch, meta);
        }

        if (patch.Any(i => i is JsonObject o && JsonNodes.AsString(o[PatchDirective]) == "replace"))
        {
            return StripList(new JsonArray(patch.Where(i => !(i is JsonObject o && o.ContainsKey(PatchDirective))).Select(i => i?.DeepClone()).ToArray()), meta);
        }

        var mergeKey = meta.PatchMergeKey;
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                if (!original.Any(o => JsonNodes.ValueEquals(o, item)))
                {
                    original.Add(item?.DeepClone());
                }

                continue;
            }

            if (mergeKey is null)
            {
                throw new PatchException($"the list has patch strategy merge but no merge key, so the element {patchItem.ToJsonString()} cannot be merged");
            }

            if (!patchItem.TryGetPropertyValue(mergeKey, out var keyValue))
            {
                throw new PatchException($"map: {patchItem.ToJsonString()} does not contain declared merge key: {mergeKey}");
            }

            var index = IndexOf(original, mergeKey, keyValue);
            var directive = JsonNodes.AsString(patchItem[PatchDirective]);
            if (directive == "delete")
            {
                while (index >= 0)
                {
                    original.RemoveAt(index);
                    index = IndexOf(original, mergeKey, keyValue);
                }

                continue;
            }

            if (index >= 0)
            {
                var existing = (JsonObject)original[index]!;
                original[index] = null;
                original[index] = MergeMap(existing, patchItem, meta.Element);
            }
            else if (MergeMap(new JsonObject(), patchItem, meta.Element) is { } added)
            {
                original.Add((JsonNode)added);
            }
        }

        return original;
    }

    /// <summary>
    /// Orders a merged list as <c>$setElementOrder</c> says, like apimachinery's <c>normalizeElementOrder</c>:
    /// the elements the order names follow it; the others (added on the server by someone else) keep their
    /// live order and are interleaved where the live list had them.
    /// </summary>
    private static JsonArray Reorder(JsonArray merged, JsonArray order, List<JsonNode?> live, string? mergeKey)
    {
        var items = merged.Select(i => i?.DeepClone()).ToList();
        var patchItems = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var match = items.FindIndex(i => SameElement(i, wanted, mergeKey));
            if (match >= 0)
            {
                patchItems.Add(items[match]);
                items.RemoveAt(match);
            }
        }

        var serverOnly = items.OrderBy(i => LiveIndex(live, i, mergeKey) is var index && index < 0 ? int.MaxValue : index).ToList();
        var result = new JsonArray();
        int left = 0, right = 0;
        while (left < serverOnly.Count || right < patchItems.Count)
        {
            bool takeLeft;
            if (right >= patchItems.Count)
            {
                takeLeft = true;
            }
            else if (left >= serverOnly.Count)
            {
                takeLeft = false;
            }
            else
            {
                var li = LiveIndex(live, serverOnly[left], mergeKey);
                var ri = LiveIndex(live, patchItems[right], mergeKey);
                takeLeft = li >= 0 && ri >= 0 && li < ri;
            }

            result.Add(takeLeft ? serverOnly[left++] : patchItems[right++]);
        }

        return result;
    }

    private static int LiveIndex(List<JsonNode?> live, JsonNode? item, string? mergeKey) =>
        live.FindIndex(l => SameElement(l, item, mergeKey));

    private static bool SameElement(JsonNode? a, JsonNode? b, string? mergeKey) =>
        mergeKey is not null && a is JsonObject ao && b is JsonObject bo
            ? JsonNodes.ValueEquals(ao[mergeKey], bo[mergeKey])
            : JsonNodes.ValueEquals(a, b);

    private static JsonArray StripList(JsonArray list, PatchMeta meta) =>
        new(list.Select(i => i is JsonObject o ? MergeMap(new JsonObject(), o, meta.Element) : i?.DeepClone())
.ToArray());

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && o.TryGetPropertyValue(mergeKey, out var v) && JsonNodes.ValueEquals(v, keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static T Detach<T>(JsonObject parent, string key, T child)
        where T : JsonNode
    {
        parent[key] = null;
        return child;
    }

    private static bool IsDirective(string key) =>
        key is PatchDirective or RetainKeysDirective
        || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)
        || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);

    private static JsonObject WithoutPatchDirective(JsonObject patch)
    {
        var copy = (JsonObject)patch.DeepClone();
        copy.Remove(PatchDirective);
        return copy;
    }
}
