using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>apps/v1 Deployment and ReplicaSet validation: selector, replicas, strategy, and the selector's immutability.</summary>
internal static class DeploymentValidation
{
    public static void ValidateDeployment(JsonObject obj, JsonObject? oldObj, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject;
        ValidateCommon(spec, "deployment", oldObj, errors);
        BuiltinValidation.NonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", errors);
        if (JsonNodes.AsInteger(spec?["progressDeadlineSeconds"]) is { } deadline && deadline <= JsonNodes.AsInteger(spec?["minReadySeconds"]))
        {
            errors.Add(FieldErrors.Invalid("spec.progressDeadlineSeconds", spec!["progressDeadlineSeconds"], "must be greater than minReadySeconds"));
        }

        if (spec?["strategy"] is not JsonObject strategy)
        {
            return;
        }

        BuiltinValidation.OneOf(strategy, "type", "spec.strategy.type", ["Recreate", "RollingUpdate"], errors);
        if (JsonNodes.AsString(strategy["type"]) == "Recreate" && strategy["rollingUpdate"] is JsonObject)
        {
            errors.Add(FieldErrors.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
        }
        else if (strategy["rollingUpdate"] is JsonObject rollingUpdate)
        {
            var surge = IntOrPercent(rollingUpdate["maxSurge"], "spec.strategy.rollingUpdate.maxSurge", errors);
            var unavailable = IntOrPercent(rollingUpdate["maxUnavailable"], "spec.strategy.rollingUpdate.maxUnavailable", errors);
            if (surge == 0 && unavailable == 0)
            {
                errors.Add(FieldErrors.Invalid("spec.strategy.rollingUpdate.maxUnavailable", rollingUpdate["maxUnavailable"],
                    "may not be 0 when `maxSurge` is 0"));
            }
        }
    }

    public static void ValidateReplicaSet(JsonObject obj, JsonObject? oldObj, List<FieldError> errors) =>
        ValidateCommon(obj["spec"] as JsonObject, "replicaset", oldObj, errors);

    private static void ValidateCommon(JsonObject? spec, string workload, JsonObject? oldObj, List<FieldError> errors)
    {
        BuiltinValidation.NonNegative(spec, "replicas", "spec.replicas", errors);
        BuiltinValidation.NonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
        WorkloadSelectorValidation.Validate(spec, workload, errors);
        PodValidation.ValidatePodSpec(JsonNodes.Get(spec, "template", "spec") as JsonObject, "spec.template.spec", errors);
        if (oldObj is not null && !JsonNodes.ValueEquals(JsonNodes.Get(oldObj, "spec", "selector"), spec?["selector"]))
        {
            errors.Add(FieldErrors.Invalid("spec.selector", spec?["selector"], "field is immutable"));
        }
    }

    /// <summary>An IntOrString that is a non-negative integer or a percentage; the numeric part (or null when invalid).</summary>
    private static long? IntOrPercent(JsonNode? value, string path, List<FieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (JsonNodes.AsInteger(value) is { } number)
        {
            if (number < 0)
            {
                errors.Add(FieldErrors.Invalid(path, value, "must be greater than or equal to 0"));
            }

            return number;
        }

        var text = JsonNodes.AsString(value) ?? string.Empty;
        if (text.EndsWith('%') && long.TryParse(text[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var percent))
        {
            if (percent > 100)
            {
                errors.Add(FieldErrors.Invalid(path, value, "must not be greater than 100%"));
            }

            return percent;
        }

        errors.Add(FieldErrors.Invalid(path, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
        return null;
    }
}
