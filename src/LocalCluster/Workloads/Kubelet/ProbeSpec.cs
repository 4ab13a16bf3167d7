using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>The handler of a probe.</summary>
internal enum ProbeHandler
{
    HttpGet,
    TcpSocket,
    Unsupported,
}

/// <summary>A container's liveness or readiness probe with the API defaults applied and a named port resolved.</summary>
internal sealed record ProbeSpec(
    ProbeHandler Handler,
    string Path,
    int Port,
    string Scheme,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    TimeSpan InitialDelay,
    TimeSpan Period,
    TimeSpan Timeout,
    int SuccessThreshold,
    int FailureThreshold,
    string? Problem)
{
    public static ProbeSpec? FromJson(JsonNode? probe, JsonObject container)
    {
        if (probe is not JsonObject json)
        {
            return null;
        }

        var handler = ProbeHandler.Unsupported;
        var path = "/";
        var scheme = "HTTP";
        JsonNode? port = null;
        var headers = new List<KeyValuePair<string, string>>();
        string? problem = null;
        if (json["httpGet"] is JsonObject http)
        {
            handler = ProbeHandler.HttpGet;
            path = http["path"]?.GetValue<string>() ?? "/";
            scheme = http["scheme"]?.GetValue<string>() ?? "HTTP";
            port = http["port"];
            foreach (var header in (http["httpHeaders"] as JsonArray ?? []).OfType<JsonObject>())
            {
                headers.Add(new(header["name"]?.GetValue<string>() ?? "", header["value"]?.GetValue<string>() ?? ""));
            }
        }
        else if (json["tcpSocket"] is JsonObject tcp)
        {
            handler = ProbeHandler.TcpSocket;
            port = tcp["port"];
        }
        else
        {
            problem = "only httpGet and tcpSocket probes run in the local cluster";
        }

        var resolved = ResolvePort(port, container);
        if (handler != ProbeHandler.Unsupported && resolved is null)
        {
            problem = $"probe port {port?.ToJsonString() ?? "(none)"} is neither a number nor the name of a container port";
            handler = ProbeHandler.Unsupported;
        }

        return new ProbeSpec(
            handler,
            path.StartsWith('/') ? path : "/" + path,
            resolved ?? 0,
            scheme,
            headers,
            TimeSpan.FromSeconds(JsonNumber.AsInt32(json["initialDelaySeconds"]) ?? 0),
            TimeSpan.FromSeconds(Math.Max(1, JsonNumber.AsInt32(json["periodSeconds"]) ?? 10)),
            TimeSpan.FromSeconds(Math.Max(1, JsonNumber.AsInt32(json["timeoutSeconds"]) ?? 1)),
            Math.Max(1, JsonNumber.AsInt32(json["successThreshold"]) ?? 1),
            Math.Max(1, JsonNumber.AsInt32(json["failureThreshold"]) ?? 3),
            problem);
    }

    /// <summary>An int-or-string port: a number, or the name of one of the container's ports.</summary>
    public static int? ResolvePort(JsonNode? port, JsonObject container)
    {
        if (JsonNumber.AsInt32(port) is { } number)
        {
            return number;
        }

        if (port is JsonValue value && value.TryGetValue<string>(out var name))
        {
            if (int.TryParse(name, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            return (container["ports"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(p => p["name"]?.GetValue<string>() == name)
                .Select(p => JsonNumber.AsInt32(p["containerPort"]))
                .FirstOrDefault();
        }

        return null;
    }
}
