using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>The parts of core/v1 PodSpec validation our flows create: containers with names, images and ports.</summary>
internal static class PodValidation
{
    private static void ValidateEnv(JsonArray? env, string containerPath, List<FieldError> errors)
    {
        for (var i = 0; i < (env?.Count ?? 0); i++)
        {
            var path = $"{containerPath}.env[{i}].name";
            var name = env![i] is JsonObject variable ? JsonNodes.AsString(variable["name"]) : null;
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(FieldErrors.Required(path));
            }
            else
            {
                errors.AddRange(NameRules.EnvVarName(name).Select(m => FieldErrors.Invalid(path, JsonValue.Create(name), m)));
            }
        }
    }

    /// <summary>Requests and limits must be quantities, and a request may not exceed its limit.</summary>
    private static void ValidateResources(JsonObject? resources, string path, List<FieldError> errors)
    {
        var limits = ParseQuantities(resources?["limits"] as JsonObject, path + ".limits", errors);
        var requests = ParseQuantities(resources?["requests"] as JsonObject, path + ".requests", errors);
        foreach (var (name, (request, requestText)) in requests)
        {
            if (limits.TryGetValue(name, out var limit) && request > limit.Value)
            {
                errors.Add(FieldErrors.Invalid($"{path}.requests[{name}]", JsonValue.Create(requestText), $"must be less than or equal to {name} limit of {limit.Text}"));
            }
        }
    }

    private static Dictionary<string, (decimal Value, string Text)> ParseQuantities(JsonObject? quantities, string path, List<FieldError> errors)
    {
        var parsed = new Dictionary<string, (decimal, string)>(StringComparer.Ordinal);
        foreach (var (name, value) in quantities ?? [])
        {
            var text = JsonNodes.AsString(value) ?? value?.ToJsonString() ?? string.Empty;
            if (Quantity.TryParse(text, out var amount))
            {
                parsed[name] = (amount, text);
            }
            else
            {
                errors.Add(FieldErrors.Invalid($"{path}[{name}]", value, Quantity.FormatMessage));
            }
        }

        return parsed;
    }

    public static void ValidatePodSpec(JsonObject? spec, string path, List<FieldError> errors)
    {
        if (spec?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            errors.Add(FieldErrors.Required(path + ".containers"));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] as JsonObject ?? [];
            var containerPath = $"{path}.containers[{i}]";
            var name = JsonNodes.AsString(container["name"]);
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(FieldErrors.Required(containerPath + ".name"));
            }
            else
            {
                errors.AddRange(NameRules.Dns1123Label(name).Select(p => FieldErrors.Invalid(containerPath + ".name", container["name"], p)));
                if (!names.Add(name))
                {
                    errors.Add(FieldErrors.Duplicate(containerPath + ".name", container["name"]));
                }
            }

            if (string.IsNullOrWhiteSpace(JsonNodes.AsString(container["image"])))
            {
                errors.Add(FieldErrors.Required(containerPath + ".image"));
            }

            ValidateEnv(container["env"] as JsonArray, containerPath, errors);
            ValidateResources(container["resources"] as JsonObject, containerPath + ".resources", errors);
            if (container["ports"] is JsonArray ports)
            {
                for (var p = 0; p < ports.Count; p++)
                {
                    var port = ports[p] as JsonObject ?? [];
                    var portPath = $"{containerPath}.ports[{p}]";
                    if (port["containerPort"] is null)
                    {
                        errors.Add(FieldErrors.Required(portPath + ".containerPort"));
                    }

                    BuiltinValidation.Port(port["containerPort"], portPath + ".containerPort", errors);
                    if (JsonNodes.AsString(port["name"]) is { Length: > 0 } portName)
                    {
                        errors.AddRange(NameRules.PortName(portName).Select(m => FieldErrors.Invalid(portPath + ".name", port["name"], m)));
                    }

                    BuiltinValidation.OneOf(port, "protocol", portPath + ".protocol", ["SCTP", "TCP", "UDP"], errors);
                }
            }
        }
    }
}
