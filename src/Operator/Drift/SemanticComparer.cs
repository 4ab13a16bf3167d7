using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Drift;

/// <summary>
/// Compares a desired object with the live one the way the API server merges what we apply: only the fields the
/// operator sets count. Whatever the server or another actor added (defaults, clusterIP, status, extra labels, an
/// injected sidecar, env variable or pull secret) is ignored: lists are matched by their merge keys
/// (<see cref="ListSemantics"/>), atomic lists compared whole. Values the server writes in another spelling
/// (<c>1024Mi</c> for <c>1Gi</c>, an omitted <c>false</c>) are equal. This is what lets steady state make zero writes
/// while a hand edit of a field we own is still seen.
/// </summary>
public static class SemanticComparer
{
    private static readonly HashSet<string> QuantityMaps = new(StringComparer.Ordinal) { "requests", "limits", "capacity" };

    /// <summary>Whether every field set in <paramref name="desired"/> has the same value in <paramref name="live"/>.</summary>
    public static bool IsSatisfiedBy(JsonNode? desired, JsonNode? live) => FirstDifference(desired, live) is null;

    /// <summary>
    /// The path of the first field of <paramref name="desired"/> that <paramref name="live"/> does not match
    /// (e.g. <c>spec.template.spec.containers[name=counter].image</c>), or null when there is none.
    /// </summary>
    public static string? FirstDifference(JsonNode? desired, JsonNode? live) =>
        Differences(desired, live).Select(d => d.Path).FirstOrDefault();

    /// <summary>
    /// The fields of <paramref name="desired"/> that <paramref name="stored"/> lacks entirely: after an apply, the ones
    /// the server did not keep (a disabled feature gate drops its field without an error).
    /// </summary>
    public static IReadOnlyList<string> MissingFields(JsonNode? desired, JsonNode? stored) =>
        [.. Differences(desired, stored).Where(d => d.Missing).Select(d => d.Path)];

    /// <summary>Every difference, depth first, in the order of <paramref name="desired"/>.</summary>
    public static IEnumerable<FieldDifference> Differences(JsonNode? desired, JsonNode? live) =>
        Walk(desired, live, string.Empty, field: null, isQuantity: false);

    private static IEnumerable<FieldDifference> Walk(JsonNode? desired, JsonNode? live, string path, string? field, bool isQuantity)
    {
        switch (desired)
        {
            case null:
                yield break;
            case JsonObject desiredObject:
                if (live is not JsonObject liveObject)
                {
                    if (!(live is null && IsZero(desiredObject)))
                    {
                        yield return new FieldDifference(path, live is null);
                    }

                    yield break;
                }

                foreach (var (key, value) in desiredObject)
                {
                    foreach (var difference in Walk(value, liveObject[key], Join(path, key), key, isQuantity || QuantityMaps.Contains(key)))
                    {
                        yield return difference;
                    }
                }

                yield break;
            case JsonArray desiredArray:
                if (live is not JsonArray liveArray)
                {
                    if (!(live is null && desiredArray.Count == 0))
                    {
                        yield return new FieldDifference(path, live is null);
                    }

                    yield break;
                }

                foreach (var difference in ListSemantics.MergeKeys(field, desiredArray) is { } keys
                    ? WalkMap(desiredArray, liveArray, path, keys)
                    : WalkAtomic(desiredArray, liveArray, path))
                {
                    yield return difference;
                }

                yield break;
            default:
                if (!ValuesEqual((JsonValue)desired, live, isQuantity))
                {
                    yield return new FieldDifference(path, live is null);
                }

                yield break;
        }
    }

    private static IEnumerable<FieldDifference> WalkMap(JsonArray desired, JsonArray live, string path, IReadOnlyList<string> keys)
    {
        var liveByKey = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var item in live)
        {
            liveByKey.TryAdd(ListSemantics.KeyOf(item, keys), item);
        }

        foreach (var item in desired)
        {
            var key = ListSemantics.KeyOf(item, keys);
            var itemPath = $"{path}[{key}]";
            if (!liveByKey.TryGetValue(key, out var liveItem))
            {
                yield return new FieldDifference(itemPath, true);
                continue;
            }

            foreach (var difference in Walk(item, liveItem, itemPath, field: null, isQuantity: false))
            {
                yield return difference;
            }
        }
    }

    private static IEnumerable<FieldDifference> WalkAtomic(JsonArray desired, JsonArray live, string path)
    {
        // An atomic list belongs whole to its last writer: any other length or item is a difference of the list.
        if (live.Count != desired.Count
            || desired.Select((item, i) => Walk(item, live[i], path, field: null, isQuantity: false).Any()).Any(differs => differs))
        {
            yield return new FieldDifference(path, false);
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static bool ValuesEqual(JsonValue desired, JsonNode? live, bool isQuantity)
    {
        if (live is null)
        {
            // The API server leaves out zero values of non-pointer fields; an omitted false/0/"" is what we asked for.
            return IsZero(desired);
        }

        if (JsonNode.DeepEquals(desired, live))
        {
            return true;
        }

        if (isQuantity && live is JsonValue liveValue)
        {
            return ResourceQuantity.TryParse(AsText(desired), out var a) && ResourceQuantity.TryParse(AsText(liveValue), out var b) && a == b;
        }

        return false;
    }

    private static string? AsText(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    private static bool IsZero(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.All(p => IsZero(p.Value)),
        JsonArray a => a.Count == 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False => true,
            JsonValueKind.String => v.GetValue<string>().Length == 0,
            JsonValueKind.Number => v.ToJsonString() == "0",
            _ => false,
        },
        _ => false,
    };
}
