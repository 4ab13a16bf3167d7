using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// JSON merge patch (RFC 7386, <c>application/merge-patch+json</c>): objects merge key by key,
/// <c>null</c> deletes, everything else (lists included) replaces. Never mutates its inputs.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> and returns the result as a new tree.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        MergeInto(result, patchObject);
        return result;
    }

    private static void MergeInto(JsonObject result, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject nested)
            {
                if (result[key] is not JsonObject existing)
                {
                    existing = new JsonObject();
                    result[key] = existing;
                }

                MergeInto(existing, nested);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }
    }
}
