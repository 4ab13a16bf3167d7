using System.Text.Json.Nodes;

namespace VisitCounter.TestSupport.OpenApi;

/// <summary>
/// Checks the rules that make a CRD schema "structural" (apiextensions.k8s.io/v1 requires it): every node typed
/// unless int-or-string or preserve-unknown-fields, no types/defaults/descriptions inside junctors, properties and
/// additionalProperties not combined, metadata restricted to name/generateName, map-list keys required or defaulted.
/// </summary>
public static class StructuralSchema
{
    private static readonly string[] Junctors = ["allOf", "anyOf", "oneOf", "not"];
    private static readonly string[] ForbiddenInJunctors = ["type", "description", "default", "additionalProperties", "nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-list-type", "x-kubernetes-map-type"];

    /// <summary>Every violation, one line each with the schema path; empty when structural.</summary>
    public static IReadOnlyList<string> Violations(JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        var violations = new List<string>();
        CheckNode(openApiV3Schema, "openAPIV3Schema", isRoot: true, violations);
        if (openApiV3Schema["properties"]?["metadata"] is JsonObject metadata)
        {
            var extra = (metadata["properties"] as JsonObject)?.Select(p => p.Key).Where(k => k is not ("name" or "generateName")).ToList() ?? [];
            if (extra.Count > 0)
            {
                violations.Add($"openAPIV3Schema.properties.metadata: only name and generateName may be restricted, found {string.Join(", ", extra)}");
            }
        }

        return violations;
    }

    private static void CheckNode(JsonObject node, string path, bool isRoot, List<string> violations)
    {
        var intOrString = node["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;
        var preserve = node["x-kubernetes-preserve-unknown-fields"];
        if (preserve is not null && !preserve.GetValue<bool>())
        {
            violations.Add($"{path}: x-kubernetes-preserve-unknown-fields must be true or absent");
        }

        var type = node["type"]?.GetValue<string>();
        if (string.IsNullOrEmpty(type) && !intOrString && preserve is null)
        {
            violations.Add($"{path}: type is missing (every node needs a type unless it is int-or-string or preserves unknown fields)");
        }

        if (isRoot && type != "object")
        {
            violations.Add($"{path}: the root must be of type object");
        }

        if (intOrString && type is not null)
        {
            violations.Add($"{path}: x-kubernetes-int-or-string must not have a type");
        }

        if (node["properties"] is not null && node["additionalProperties"] is not null)
        {
            violations.Add($"{path}: properties and additionalProperties are mutually exclusive");
        }

        foreach (var junctor in Junctors)
        {
            if (node[junctor] is JsonNode junction)
            {
                CheckJunction(junction, $"{path}.{junctor}", node, intOrString, violations);
            }
        }

        if (node["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                CheckNode(child!.AsObject(), $"{path}.properties.{name}", isRoot: false, violations);
            }
        }

        if (node["additionalProperties"] is JsonObject additional)
        {
            CheckNode(additional, $"{path}.additionalProperties", isRoot: false, violations);
        }

        if (node["items"] is JsonObject items)
        {
            CheckNode(items, $"{path}.items", isRoot: false, violations);
            CheckListMap(node, items, path, violations);
        }
        else if (type == "array")
        {
            violations.Add($"{path}: an array needs an items schema");
        }
    }

    private static void CheckJunction(JsonNode junction, string path, JsonObject owner, bool ownerIsIntOrString, List<string> violations)
    {
        var branches = junction is JsonArray array ? array.OfType<JsonObject>() : [junction.AsObject()];
        foreach (var branch in branches)
        {
            foreach (var key in ForbiddenInJunctors)
            {
                // The one exception Kubernetes allows: anyOf/oneOf of {type: integer}, {type: string} under int-or-string.
                var intOrStringShape = ownerIsIntOrString && key == "type" && branch["type"]?.GetValue<string>() is "integer" or "string";
                if (branch[key] is not null && !intOrStringShape)
                {
                    violations.Add($"{path}: {key} is not allowed inside a junctor");
                }
            }

            foreach (var field in (branch["properties"] as JsonObject)?.Select(p => p.Key) ?? [])
            {
                if (owner["properties"]?[field] is null)
                {
                    violations.Add($"{path}: field {field} must also be specified outside the junctor");
                }
            }
        }
    }

    private static void CheckListMap(JsonObject list, JsonObject items, string path, List<string> violations)
    {
        if (list["x-kubernetes-list-type"]?.GetValue<string>() != "map")
        {
            return;
        }

        var keys = (list["x-kubernetes-list-map-keys"] as JsonArray)?.Select(k => k!.GetValue<string>()).ToList() ?? [];
        if (keys.Count == 0)
        {
            violations.Add($"{path}: x-kubernetes-list-type map needs x-kubernetes-list-map-keys");
        }

        var required = (items["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var key in keys)
        {
            var keySchema = items["properties"]?[key];
            if (keySchema is null)
            {
                violations.Add($"{path}: list-map key {key} is not a property of the items");
            }
            else if (!required.Contains(key) && keySchema["default"] is null)
            {
                violations.Add($"{path}: list-map key {key} must be required or have a default");
            }
        }
    }
}
