using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Semantics;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>
/// Turns a CustomResourceDefinition into the resources it serves, and computes the status the
/// apiextensions controllers would write (NamesAccepted, Established, acceptedNames, storedVersions).
/// Here a CRD is established in the same write that creates it, so it is usable as soon as the
/// create returns (a real server gets there within a second).
/// </summary>
internal static class CustomResourceDefinitions
{
    /// <summary>Checks what the real server checks before a CRD is accepted; empty when fine.</summary>
    public static List<FieldError> Validate(JsonObject crd)
    {
        var errors = new List<FieldError>();
        var spec = crd["spec"] as JsonObject;
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var plural = spec?["names"]?["plural"]?.GetValue<string>() ?? "";
        if (group.Length == 0) errors.Add(new FieldError("FieldValueRequired", "spec.group", "Required value"));
        if (plural.Length == 0) errors.Add(new FieldError("FieldValueRequired", "spec.names.plural", "Required value"));
        if (string.IsNullOrEmpty(spec?["names"]?["kind"]?.GetValue<string>()))
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.names.kind", "Required value"));
        }
        var scope = spec?["scope"]?.GetValue<string>();
        if (scope is not ("Namespaced" or "Cluster"))
        {
            errors.Add(new FieldError("FieldValueNotSupported", "spec.scope",
                $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\""));
        }
        var name = Meta.Name(crd);
        if (group.Length > 0 && plural.Length > 0 && name != $"{plural}.{group}")
        {
            errors.Add(new FieldError("FieldValueInvalid", "metadata.name",
                $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group"));
        }
        var versions = spec?["versions"] as JsonArray;
        if (versions is null || versions.Count == 0)
        {
            errors.Add(new FieldError("FieldValueInvalid", "spec.versions", "Invalid value: null: must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v?["storage"]?.GetValue<bool>() == true) != 1)
        {
            errors.Add(new FieldError("FieldValueInvalid", "spec.versions",
                "Invalid value: []apiextensions.CustomResourceDefinitionVersion{...}: must have exactly one version marked as storage version"));
        }
        return errors;
    }

    /// <summary>Sets the conditions and names the apiextensions controllers would report.</summary>
    public static void SetEstablishedStatus(JsonObject crd, JsonObject? previousStatus, string now)
    {
        var names = crd["spec"]?["names"]?.DeepClone() as JsonObject ?? [];
        if (names["singular"] is null) names["singular"] = names["kind"]?.GetValue<string>().ToLowerInvariant();
        if (names["listKind"] is null) names["listKind"] = names["kind"]?.GetValue<string>() + "List";
        var storedVersions = previousStatus?["storedVersions"]?.DeepClone() as JsonArray ?? [];
        var storage = (crd["spec"]?["versions"] as JsonArray)?.FirstOrDefault(v => v?["storage"]?.GetValue<bool>() == true)?["name"]?.GetValue<string>();
        if (storage is not null && !storedVersions.Any(v => v?.GetValue<string>() == storage)) storedVersions.Add((JsonNode)JsonValue.Create(storage));
        var conditions = new JsonArray(
            Condition(previousStatus, "NamesAccepted", "NoConflicts", "no conflicts found", now),
            Condition(previousStatus, "Established", "InitialNamesAccepted", "the initial names have been accepted", now));
        crd["status"] = new JsonObject
        {
            ["acceptedNames"] = names,
            ["conditions"] = conditions,
            ["storedVersions"] = storedVersions,
        };
    }

    private static JsonObject Condition(JsonObject? previousStatus, string type, string reason, string message, string now)
    {
        var previous = (previousStatus?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => c["type"]?.GetValue<string>() == type && c["status"]?.GetValue<string>() == "True");
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastTransitionTime"] = previous?["lastTransitionTime"]?.GetValue<string>() ?? now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    /// <summary>The served versions of the CRD as resource definitions.</summary>
    /// <exception cref="Errors.ApiException">422 when a version's schema cannot be compiled.</exception>
    public static List<ResourceDefinition> Definitions(JsonObject crd, ApiSemantics semantics)
    {
        var spec = (JsonObject)crd["spec"]!;
        var group = spec["group"]!.GetValue<string>();
        var names = (JsonObject)spec["names"]!;
        var kind = names["kind"]!.GetValue<string>();
        var definitions = new List<ResourceDefinition>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() == false) continue;
            var versionName = version["name"]!.GetValue<string>();
            var schema = version["schema"]?["openAPIV3Schema"] as JsonObject;
            var subresources = version["subresources"] as JsonObject;
            var scale = subresources?["scale"] as JsonObject;
            definitions.Add(new ResourceDefinition
            {
                Ref = new ResourceRef(group, versionName, names["plural"]!.GetValue<string>()),
                Kind = kind,
                ListKind = names["listKind"]?.GetValue<string>() ?? kind + "List",
                Singular = names["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant(),
                Namespaced = spec["scope"]?.GetValue<string>() != "Cluster",
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = subresources?["status"] is not null,
                Scale = scale is null ? null : new ScaleSubresource(
                    scale["specReplicasPath"]?.GetValue<string>() ?? ".spec.replicas",
                    scale["statusReplicasPath"]?.GetValue<string>() ?? ".status.replicas",
                    scale["labelSelectorPath"]?.GetValue<string>()),
                IsCustom = true,
                PrinterColumns = PrinterColumns(version),
                OpenApiSchema = schema,
                Schema = schema is null ? null : semantics.CompileSchema(schema, $"spec.versions[{definitions.Count}].schema.openAPIV3Schema", Meta.Name(crd)),
            });
        }
        return definitions;
    }

    private static List<PrinterColumn> PrinterColumns(JsonObject version) =>
        (version["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>().Select(c =>
        {
            var jsonPath = c["jsonPath"]?.GetValue<string>() ?? "";
            return new PrinterColumn(
                c["name"]?.GetValue<string>() ?? "",
                c["type"]?.GetValue<string>() ?? "string",
                c["format"]?.GetValue<string>() ?? "",
                c["description"]?.GetValue<string>() ?? $"Custom resource definition column (in JSONPath format): {jsonPath}",
                (int)(Patching.JsonNodes.AsInteger(c["priority"]) ?? 0),
                jsonPath);
        }).ToList();

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList();
}
