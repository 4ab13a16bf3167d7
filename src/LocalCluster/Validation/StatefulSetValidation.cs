using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>apps/v1 StatefulSet validation: selector and template labels, replicas, strategies, and which spec fields an update may change.</summary>
internal static class StatefulSetValidation
{
    private static readonly string[] UpdatableFields = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    public static void Validate(JsonObject obj, JsonObject? oldObj, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject;
        BuiltinValidation.NonNegative(spec, "replicas", "spec.replicas", errors);
        BuiltinValidation.NonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errors);
        BuiltinValidation.OneOf(spec, "podManagementPolicy", "spec.podManagementPolicy", ["OrderedReady", "Parallel"], errors);
        ValidateUpdateStrategy(spec?["updateStrategy"] as JsonObject, errors);
        var retention = spec?["persistentVolumeClaimRetentionPolicy"] as JsonObject;
        BuiltinValidation.OneOf(retention, "whenDeleted", "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", ["Retain", "Delete"], errors);
        BuiltinValidation.OneOf(retention, "whenScaled", "spec.persistentVolumeClaimRetentionPolicy.whenScaled", ["Retain", "Delete"], errors);
        WorkloadSelectorValidation.Validate(spec, "statefulset", errors);
        PodValidation.ValidatePodSpec(JsonNodes.Get(spec, "template", "spec") as JsonObject, "spec.template.spec", errors);
        if (spec?["volumeClaimTemplates"] is JsonArray templates)
        {
            for (var i = 0; i < templates.Count; i++)
            {
                PersistentVolumeClaimValidation.ValidateSpec(JsonNodes.Get(templates[i], "spec") as JsonObject, $"spec.volumeClaimTemplates[{i}].spec", errors);
            }
        }

        if (oldObj is not null && !JsonNodes.ValueEquals(WithoutUpdatableFields(oldObj["spec"]), WithoutUpdatableFields(spec)))
        {
            errors.Add(FieldErrors.Forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
        }
    }

    private static void ValidateUpdateStrategy(JsonObject? strategy, List<FieldError> errors)
    {
        if (strategy is null)
        {
            return;
        }

        BuiltinValidation.OneOf(strategy, "type", "spec.updateStrategy.type", ["OnDelete", "RollingUpdate"], errors);
        if (strategy["rollingUpdate"] is JsonObject rolling)
        {
            if (JsonNodes.AsString(strategy["type"]) == "OnDelete")
            {
                errors.Add(FieldErrors.Invalid("spec.updateStrategy.rollingUpdate", rolling, "only allowed for updateStrategy 'RollingUpdate'"));
            }

            BuiltinValidation.NonNegative(rolling, "partition", "spec.updateStrategy.rollingUpdate.partition", errors);
        }
    }

    private static JsonObject WithoutUpdatableFields(JsonNode? spec)
    {
        var copy = spec is JsonObject o ? (JsonObject)o.DeepClone() : new JsonObject();
        foreach (var field in UpdatableFields)
        {
            copy.Remove(field);
        }

        return copy;
    }
}
