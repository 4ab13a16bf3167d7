using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>rbac.authorization.k8s.io/v1 validation (pkg/apis/rbac/validation): rules need verbs and a target; bindings
/// need a role reference that never changes and subjects of a known kind.</summary>
internal static class RbacValidation
{
    public static void ValidateRole(JsonObject obj, List<FieldError> errors)
    {
        if (obj["rules"] is not JsonArray rules)
        {
            return;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] as JsonObject ?? [];
            var path = $"rules[{i}]";
            if (Strings(rule["verbs"]).Count == 0)
            {
                errors.Add(FieldErrors.Required(path + ".verbs", "verbs must contain at least one value"));
            }

            var urls = Strings(rule["nonResourceURLs"]);
            if (urls.Count > 0)
            {
                if (Strings(rule["apiGroups"]).Count > 0 || Strings(rule["resources"]).Count > 0)
                {
                    errors.Add(FieldErrors.Invalid(path + ".nonResourceURLs", rule["nonResourceURLs"], "rules cannot apply to both regular resources and non-resource URLs"));
                }

                continue;
            }

            if (Strings(rule["apiGroups"]).Count == 0)
            {
                errors.Add(FieldErrors.Required(path + ".apiGroups", "resource rules must supply at least one api group"));
            }

            if (Strings(rule["resources"]).Count == 0)
            {
                errors.Add(FieldErrors.Required(path + ".resources", "resource rules must supply at least one resource"));
            }
        }
    }

    public static void ValidateBinding(JsonObject obj, JsonObject? oldObj, bool namespaced, List<FieldError> errors)
    {
        var roleRef = obj["roleRef"] as JsonObject;
        var kind = JsonNodes.AsString(roleRef?["kind"]);
        var allowedKinds = namespaced ? new[] { "Role", "ClusterRole" } : ["ClusterRole"];
        if (JsonNodes.AsString(roleRef?["apiGroup"]) != "rbac.authorization.k8s.io")
        {
            errors.Add(FieldErrors.NotSupported("roleRef.apiGroup", roleRef?["apiGroup"], ["rbac.authorization.k8s.io"]));
        }

        if (kind is null || !allowedKinds.Contains(kind))
        {
            errors.Add(FieldErrors.NotSupported("roleRef.kind", roleRef?["kind"], allowedKinds));
        }

        if (string.IsNullOrEmpty(JsonNodes.AsString(roleRef?["name"])))
        {
            errors.Add(FieldErrors.Required("roleRef.name"));
        }

        if (oldObj is not null && !JsonNodes.ValueEquals(oldObj["roleRef"], obj["roleRef"]))
        {
            errors.Add(FieldErrors.Invalid("roleRef", obj["roleRef"], "cannot change roleRef"));
        }

        if (obj["subjects"] is not JsonArray subjects)
        {
            return;
        }

        for (var i = 0; i < subjects.Count; i++)
        {
            var subject = subjects[i] as JsonObject ?? [];
            var path = $"subjects[{i}]";
            if (string.IsNullOrEmpty(JsonNodes.AsString(subject["name"])))
            {
                errors.Add(FieldErrors.Required(path + ".name"));
            }

            switch (JsonNodes.AsString(subject["kind"]))
            {
                case "ServiceAccount":
                    if (!namespaced && string.IsNullOrEmpty(JsonNodes.AsString(subject["namespace"])))
                    {
                        errors.Add(FieldErrors.Required(path + ".namespace"));
                    }

                    break;
                case "User" or "Group":
                    break;
                default:
                    errors.Add(FieldErrors.NotSupported(path + ".kind", subject["kind"], ["ServiceAccount", "User", "Group"]));
                    break;
            }
        }
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(JsonNodes.AsString).OfType<string>().ToList();
}
