using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>The selector rules every apps/v1 workload shares: a selector is required, not empty, and matches the pod template's labels.</summary>
internal static class WorkloadSelectorValidation
{
    public static void Validate(JsonObject? spec, string workload, List<FieldError> errors)
    {
        if (spec?["selector"] is not JsonObject selector)
        {
            errors.Add(FieldErrors.Required("spec.selector"));
            return;
        }

        var matchLabels = selector["matchLabels"] as JsonObject ?? [];
        var expressions = selector["matchExpressions"] as JsonArray ?? [];
        if (matchLabels.Count == 0 && expressions.Count == 0)
        {
            errors.Add(FieldErrors.Invalid("spec.selector", selector, $"empty selector is invalid for {workload}"));
            return;
        }

        var labels = JsonNodes.Get(spec, "template", "metadata", "labels") as JsonObject ?? [];
        if (!Matches(matchLabels, expressions, labels))
        {
            errors.Add(new FieldError("FieldValueInvalid", "spec.template.metadata.labels", "Invalid value: " + StringMap(labels) + ": `selector` does not match template `labels`"));
        }
    }

    /// <summary>Label selector semantics: every matchLabels pair and every expression (In, NotIn, Exists, DoesNotExist) must hold.</summary>
    private static bool Matches(JsonObject matchLabels, JsonArray expressions, JsonObject labels)
    {
        if (matchLabels.Any(p => !JsonNodes.ValueEquals(labels[p.Key], p.Value)))
        {
            return false;
        }

        foreach (var expression in expressions.OfType<JsonObject>())
        {
            var key = JsonNodes.AsString(expression["key"]) ?? string.Empty;
            var values = (expression["values"] as JsonArray ?? []).Select(JsonNodes.AsString).ToHashSet();
            var has = labels.TryGetPropertyValue(key, out var actual);
            var holds = JsonNodes.AsString(expression["operator"]) switch
            {
                "In" => has && values.Contains(JsonNodes.AsString(actual)),
                "NotIn" => !has || !values.Contains(JsonNodes.AsString(actual)),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Go's <c>%#v</c> of a <c>map[string]string</c>, as the real message prints the template labels.</summary>
    private static string StringMap(JsonObject labels) =>
        "map[string]string{" + string.Join(", ", labels.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => GoFormat.Quote(p.Key) + ":" + GoFormat.Quote(JsonNodes.AsString(p.Value) ?? string.Empty))) + "}";
}
