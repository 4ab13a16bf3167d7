using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// The built-in kinds' own validation (the part of kube-apiserver's <c>pkg/apis/*/validation</c> our flows
/// exercise), with the real field paths and messages. Runs after <see cref="ObjectNameValidation"/>.
/// </summary>
public static class BuiltinValidation
{
    /// <summary>Validates a create (<paramref name="oldObj"/> null) or an update of a built-in object.</summary>
    public static IReadOnlyList<FieldError> Validate(string group, string resource, JsonObject obj, JsonObject? oldObj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        switch ((group, resource))
        {
            case ("apps", "statefulsets"):
                StatefulSetValidation.Validate(obj, oldObj, errors);
                break;
            case ("", "services"):
                ServiceValidation.Validate(obj, oldObj, errors);
                break;
            case ("", "persistentvolumeclaims"):
                PersistentVolumeClaimValidation.Validate(obj, oldObj, errors);
                break;
            case ("apps", "deployments"):
                DeploymentValidation.ValidateDeployment(obj, oldObj, errors);
                break;
            case ("apps", "replicasets"):
                DeploymentValidation.ValidateReplicaSet(obj, oldObj, errors);
                break;
            case ("", "configmaps"):
                ConfigDataValidation.ValidateConfigMap(obj, errors);
                break;
            case ("", "secrets"):
                ConfigDataValidation.ValidateSecret(obj, oldObj, errors);
                break;
            case ("rbac.authorization.k8s.io", "roles" or "clusterroles"):
                RbacValidation.ValidateRole(obj, errors);
                break;
            case ("rbac.authorization.k8s.io", "rolebindings"):
                RbacValidation.ValidateBinding(obj, oldObj, namespaced: true, errors);
                break;
            case ("rbac.authorization.k8s.io", "clusterrolebindings"):
                RbacValidation.ValidateBinding(obj, oldObj, namespaced: false, errors);
                break;
            case ("", "pods"):
                PodValidation.ValidatePodSpec(obj["spec"] as JsonObject, "spec", errors);
                break;
            case ("policy", "poddisruptionbudgets"):
                PodDisruptionBudgetValidation.Validate(obj, errors);
                break;
            case ("coordination.k8s.io", "leases"):
                if (JsonNodes.AsInteger(JsonNodes.Get(obj, "spec", "leaseDurationSeconds")) is { } duration && duration <= 0)
                {
                    errors.Add(FieldErrors.Invalid("spec.leaseDurationSeconds", obj["spec"]!["leaseDurationSeconds"], "must be greater than 0"));
                }

                break;
        }

        return errors;
    }

    internal static void NonNegative(JsonObject? parent, string field, string path, List<FieldError> errors)
    {
        if (JsonNodes.AsInteger(parent?[field]) is < 0)
        {
            errors.Add(FieldErrors.Invalid(path, parent![field], "must be greater than or equal to 0"));
        }
    }

    internal static void OneOf(JsonObject? parent, string field, string path, IReadOnlyList<string> supported, List<FieldError> errors)
    {
        if (parent?[field] is { } value && (JsonNodes.AsString(value) is not { } text || !supported.Contains(text)))
        {
            errors.Add(FieldErrors.NotSupported(path, value, supported));
        }
    }

    internal static void Port(JsonNode? value, string path, List<FieldError> errors)
    {
        if (value is not null && JsonNodes.AsInteger(value) is not (>= 1 and <= 65535))
        {
            errors.Add(FieldErrors.Invalid(path, value, "must be between 1 and 65535, inclusive"));
        }
    }
}
