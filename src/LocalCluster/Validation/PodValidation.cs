using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>The parts of core/v1 PodSpec validation our flows create: containers with names, images and ports.</summary>
internal static class PodValidation
{
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
                    BuiltinValidation.OneOf(port, "protocol", portPath + ".protocol", ["SCTP", "TCP", "UDP"], errors);
                }
            }
        }
    }
}
