using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>core/v1 Service validation: type, ports (range, names, node ports), and the immutable cluster IP.</summary>
internal static class ServiceValidation
{
    private const int NodePortMin = 30000;
    private const int NodePortMax = 32767;

    public static void Validate(JsonObject obj, JsonObject? oldObj, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        BuiltinValidation.OneOf(spec, "type", "spec.type", ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"], errors);
        var type = JsonNodes.AsString(spec["type"]) ?? "ClusterIP";
        var headless = JsonNodes.AsString(spec["clusterIP"]) == "None";
        var ports = spec["ports"] as JsonArray ?? [];
        if (ports.Count == 0 && type != "ExternalName" && !headless)
        {
            errors.Add(FieldErrors.Required("spec.ports"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            ValidatePort(ports[i] as JsonObject ?? [], $"spec.ports[{i}]", ports.Count > 1, type, names, errors);
        }

        var oldClusterIp = JsonNodes.AsString(JsonNodes.Get(oldObj, "spec", "clusterIP"));
        var newClusterIp = JsonNodes.AsString(spec["clusterIP"]);
        if (!string.IsNullOrEmpty(oldClusterIp) && !string.IsNullOrEmpty(newClusterIp) && oldClusterIp != newClusterIp)
        {
            errors.Add(FieldErrors.Invalid("spec.clusterIPs[0]", spec["clusterIP"], "may not change once set"));
        }
    }

    private static void ValidatePort(JsonObject port, string path, bool nameRequired, string type, HashSet<string> names, List<FieldError> errors)
    {
        var name = JsonNodes.AsString(port["name"]) ?? string.Empty;
        if (nameRequired && name.Length == 0)
        {
            errors.Add(FieldErrors.Required(path + ".name"));
        }
        else if (name.Length > 0)
        {
            errors.AddRange(NameRules.Dns1123Label(name).Select(p => FieldErrors.Invalid(path + ".name", port["name"], p)));
            if (!names.Add(name))
            {
                errors.Add(FieldErrors.Duplicate(path + ".name", port["name"]));
            }
        }

        if (port["port"] is null)
        {
            errors.Add(FieldErrors.Required(path + ".port"));
        }

        BuiltinValidation.Port(port["port"], path + ".port", errors);
        BuiltinValidation.OneOf(port, "protocol", path + ".protocol", ["SCTP", "TCP", "UDP"], errors);
        if (port["targetPort"] is { } target)
        {
            if (JsonNodes.AsString(target) is { } targetName)
            {
                errors.AddRange(NameRules.PortName(targetName).Select(m => FieldErrors.Invalid(path + ".targetPort", target, m)));
            }
            else
            {
                BuiltinValidation.Port(target, path + ".targetPort", errors);
            }
        }

        if (port["nodePort"] is { } nodePort && JsonNodes.AsInteger(nodePort) is not 0)
        {
            if (type is not ("NodePort" or "LoadBalancer"))
            {
                errors.Add(FieldErrors.Forbidden(path + ".nodePort", $"may not be used when `type` is '{type}'"));
            }
            else if (JsonNodes.AsInteger(nodePort) is not (>= NodePortMin and <= NodePortMax))
            {
                errors.Add(FieldErrors.Invalid(path + ".nodePort", nodePort, $"provided port is not in the valid range. The range of valid ports is {NodePortMin}-{NodePortMax}"));
            }
        }
    }
}
