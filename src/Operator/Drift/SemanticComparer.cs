using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Drift;

/// <summary>
/// Compares a desired object with the live one the way a careful human would: only the fields the operator sets
/// count. Whatever the API server added (defaults, clusterIP, status, managedFields, extra labels) is ignored, and
/// values the server writes in another spelling (<c>1024Mi</c> for <c>1Gi</c>, an omitted <c>false</c>) are equal.
/// This is what lets steady state make zero writes while a hand edit of a field we own is still seen.
/// </summary>
public static class SemanticComparer
{
    private static readonly HashSet<string> QuantityMaps = new(StringComparer.Ordinal) { "requests", "limits", "capacity" };

    /// <summary>Whether every field set in <paramref name="desired"/> has the same value in <paramref name="live"/>.</summary>
    public static bool IsSatisfiedBy(JsonNode? desired, JsonNode? live) => Covers(desired, live, isQuantity: false);

    /// <summary>
    /// The JSON path of the first field of <paramref name="desired"/> that <paramref name="live"/> does not match,
    /// or null when there is none. Used in logs and events to say what drifted.
    /// </summary>
    public static string? FirstDifference(JsonNode? desired, JsonNode? live) => FindDifference(desired, live, "$", isQuantity: false);

    private static bool Covers(JsonNode? desired, JsonNode? live, bool isQuantity) => FindDifference(desired, live, string.Empty, isQuantity) is null;

    private static string? FindDifference(JsonNode? desired, JsonNode? live, string path, bool isQuantity)
    {
        switch (desired)
        {
            case null:
                return null;
            case JsonObject desiredObject:
                if (live is not JsonObject liveObject)
                {
                    return live is null && desiredObject.All(p => IsZero(p.Value)) ? null : path;
                }

                foreach (var (key, value) in desiredObject)
                {
                    var difference = FindDifference(value, liveObject[key], $"{path}.{key}", isQuantity || QuantityMaps.Contains(key));
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonArray desiredArray:
                if (live is not JsonArray liveArray)
                {
                    return live is null && desiredArray.Count == 0 ? null : path;
                }

                if (liveArray.Count != desiredArray.Count)
                {
                    return path;
                }

                for (var i = 0; i < desiredArray.Count; i++)
                {
                    var difference = FindDifference(desiredArray[i], liveArray[i], $"{path}[{i}]", isQuantity: false);
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            default:
                return ValuesEqual((JsonValue)desired, live, isQuantity) ? null : path;
        }
    }

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
