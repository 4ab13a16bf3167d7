using System.Text.Json.Nodes;
using VisitCounter.Kube.Selectors;

namespace VisitCounter.LocalCluster.ApiServer.Selectors;

/// <summary>A metav1.LabelSelector object (matchLabels and matchExpressions) turned into the shared <see cref="LabelSelector"/>.</summary>
internal static class ObjectLabelSelector
{
    /// <summary>
    /// The selector, or null for a null selector. policy/v1 semantics: a null selector selects no pods, an empty one
    /// ({}) every pod of the namespace.
    /// </summary>
    /// <exception cref="FormatException">An expression cannot be expressed (unknown operator, bad key).</exception>
    public static LabelSelector? FromJson(JsonNode? selector)
    {
        if (selector is not JsonObject obj)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var (key, value) in obj["matchLabels"] as JsonObject ?? [])
        {
            parts.Add($"{key}={value}");
        }

        foreach (var expression in (obj["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression["key"]?.GetValue<string>() ?? "";
            var values = string.Join(",", (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()));
            parts.Add(expression["operator"]?.GetValue<string>() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var op => throw new FormatException($"\"{op}\" is not a valid label selector operator"),
            });
        }

        return LabelSelector.Parse(string.Join(",", parts));
    }
}
