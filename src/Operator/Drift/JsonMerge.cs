using System.Text.Json.Nodes;

namespace VisitCounter.Operator.Drift;

/// <summary>
/// Lays the desired fields over a copy of the live object, for a full update (PUT) that restores drift while keeping
/// what the server owns (clusterIP, nodePorts it allocated, resourceVersion, status, finalizers, other labels).
/// Objects merge key by key; arrays are replaced, as in a JSON merge patch, because list items carry no stable key here.
/// </summary>
public static class JsonMerge
{
    /// <summary>A new node: <paramref name="live"/> with every field of <paramref name="desired"/> written over it.</summary>
    public static JsonObject Overlay(JsonObject live, JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(desired);
        var result = (JsonObject)live.DeepClone();
        OverlayInto(result, desired);
        return result;
    }

    private static void OverlayInto(JsonObject target, JsonObject desired)
    {
        foreach (var (key, value) in desired)
        {
            if (value is JsonObject desiredChild && target[key] is JsonObject targetChild)
            {
                OverlayInto(targetChild, desiredChild);
            }
            else if (value is not null)
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
