using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// <c>metadata</c> checks every write gets: the name (format by resource: Services are DNS-1035 labels,
/// Namespaces DNS-1123 labels, everything else DNS-1123 subdomains), label keys and values, annotation keys,
/// and owner references. <c>generateName</c> is resolved by the core before this runs.
/// </summary>
public static class ObjectNameValidation
{
    /// <summary>Validates <paramref name="obj"/>'s metadata for <paramref name="resource"/> (the plural, e.g. <c>services</c>).</summary>
    public static IReadOnlyList<FieldError> Validate(string resource, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        var metadata = obj["metadata"] as JsonObject;
        var name = JsonNodes.AsString(metadata?["name"]);
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(FieldErrors.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            var problems = resource switch
            {
                "services" => NameRules.Dns1035Label(name),
                "namespaces" => NameRules.Dns1123Label(name),
                "roles" or "clusterroles" or "rolebindings" or "clusterrolebindings" => PathSegmentName(name),
                _ => NameRules.Dns1123Subdomain(name),
            };
            errors.AddRange(problems.Select(p => FieldErrors.Invalid("metadata.name", JsonValue.Create(name), p)));
        }

        if (metadata?["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                errors.AddRange(NameRules.QualifiedName(key).Select(p => FieldErrors.Invalid("metadata.labels", JsonValue.Create(key), p)));
                var text = JsonNodes.AsString(value) ?? string.Empty;
                errors.AddRange(NameRules.LabelValue(text).Select(p => FieldErrors.Invalid($"metadata.labels", JsonValue.Create(text), p)));
            }
        }

        if (metadata?["annotations"] is JsonObject annotations)
        {
            foreach (var (key, _) in annotations)
            {
                errors.AddRange(NameRules.QualifiedName(key.ToLowerInvariant()).Select(p => FieldErrors.Invalid("metadata.annotations", JsonValue.Create(key), p)));
            }
        }

        if (metadata?["ownerReferences"] is JsonArray owners)
        {
            ValidateOwnerReferences(owners, errors);
        }

        return errors;
    }

    private static void ValidateOwnerReferences(JsonArray owners, List<FieldError> errors)
    {
        var controllers = 0;
        foreach (var owner in owners.OfType<JsonObject>())
        {
            if (string.IsNullOrEmpty(JsonNodes.AsString(owner["apiVersion"])))
            {
                errors.Add(FieldErrors.Invalid("metadata.ownerReferences.apiVersion", JsonValue.Create(string.Empty), "version must not be empty"));
            }

            if (string.IsNullOrEmpty(JsonNodes.AsString(owner["kind"])))
            {
                errors.Add(FieldErrors.Invalid("metadata.ownerReferences.kind", JsonValue.Create(string.Empty), "kind must not be empty"));
            }

            if (string.IsNullOrEmpty(JsonNodes.AsString(owner["name"])))
            {
                errors.Add(FieldErrors.Invalid("metadata.ownerReferences.name", JsonValue.Create(string.Empty), "name must not be empty"));
            }

            if (string.IsNullOrEmpty(JsonNodes.AsString(owner["uid"])))
            {
                errors.Add(FieldErrors.Invalid("metadata.ownerReferences.uid", JsonValue.Create(string.Empty), "uid must not be empty"));
            }

            if (JsonNodes.AsBool(owner["controller"]) == true)
            {
                controllers++;
            }
        }

        if (controllers > 1)
        {
            errors.Add(FieldErrors.Invalid("metadata.ownerReferences", owners, "Only one reference can have Controller set to true"));
        }
    }

    /// <summary>path.IsValidPathSegmentName: what RBAC object names must be (they may hold ':', as <c>system:discovery</c> does).</summary>
    private static List<string> PathSegmentName(string name)
    {
        if (name is "." or "..") return [$"may not be '{name}'"];
        var problems = new List<string>();
        if (name.Contains('/', StringComparison.Ordinal)) problems.Add("may not contain '/'");
        if (name.Contains('%', StringComparison.Ordinal)) problems.Add("may not contain '%'");
        return problems;
    }
}
