using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>Maps an object to its autoscaling/v1 Scale and back, following the scale subresource's paths.</summary>
internal static class ScaleConversion
{
    public static JsonObject ToScale(JsonObject obj, ScaleSubresource scale)
    {
        var metadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (obj["metadata"]?[field] is { } value) metadata[field] = value.DeepClone();
        }
        var status = new JsonObject { ["replicas"] = JsonPaths.Read(obj, scale.StatusReplicasPath)?.DeepClone() ?? 0 };
        if (scale.LabelSelectorPath is not null && JsonPaths.Read(obj, scale.LabelSelectorPath) is { } selector)
        {
            status["selector"] = selector.DeepClone();
        }
        else if (obj["spec"]?["selector"] is JsonObject labelSelector && scale.LabelSelectorPath is null)
        {
            // Built-in workloads report their spec.selector in string form.
            var text = LabelSelectorText(labelSelector);
            if (text.Length > 0) status["selector"] = text;
        }
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = JsonPaths.Read(obj, scale.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    public static JsonObject WithReplicas(JsonObject obj, ScaleSubresource scale, long replicas)
    {
        var updated = (JsonObject)obj.DeepClone();
        JsonPaths.Write(updated, scale.SpecReplicasPath, replicas);
        return updated;
    }

    private static string LabelSelectorText(JsonObject selector)
    {
        var terms = new List<string>();
        if (selector["matchLabels"] is JsonObject labels)
        {
            terms.AddRange(labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        }
        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var e in expressions.OfType<JsonObject>())
            {
                var key = e["key"]?.GetValue<string>();
                var values = string.Join(",", (e["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()));
                terms.Add(e["operator"]?.GetValue<string>() switch
                {
                    "In" => $"{key} in ({values})",
                    "NotIn" => $"{key} notin ({values})",
                    "Exists" => $"{key}",
                    _ => $"!{key}",
                });
            }
        }
        return string.Join(",", terms);
    }
}
