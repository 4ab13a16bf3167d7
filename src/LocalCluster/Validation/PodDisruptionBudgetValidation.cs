using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>policy/v1 PodDisruptionBudget validation (pkg/apis/policy/validation): the budget's two values.</summary>
internal static class PodDisruptionBudgetValidation
{
    public static void Validate(JsonObject obj, List<FieldError> errors)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        if (spec["minAvailable"] is not null && spec["maxUnavailable"] is not null)
        {
            errors.Add(FieldErrors.Invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set"));
        }

        NonNegativeIntOrPercent(spec["minAvailable"], "spec.minAvailable", errors);
        NonNegativeIntOrPercent(spec["maxUnavailable"], "spec.maxUnavailable", errors);
    }

    private static void NonNegativeIntOrPercent(JsonNode? value, string field, List<FieldError> errors)
    {
        if (value is null)
        {
            return;
        }

        if (JsonNodes.AsInteger(value) is { } count)
        {
            if (count < 0)
            {
                errors.Add(FieldErrors.Invalid(field, value, "must be greater than or equal to 0"));
            }

            return;
        }

        var text = JsonNodes.AsString(value) ?? string.Empty;
        if (!text.EndsWith('%') || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            errors.Add(FieldErrors.Invalid(field, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
        }
        else if (percent > 100)
        {
            errors.Add(FieldErrors.Invalid(field, value, "must not be greater than 100%"));
        }
    }
}
