using System.Net;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Kubelet;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Services;

/// <summary>
/// The endpoints of one Service port, as the EndpointSlice controller computes them: the pods selected by
/// spec.selector that are Ready (or all running ones when publishNotReadyAddresses), not terminating and with a pod
/// IP, each at the port that targetPort names (a number, or the name of a container port of that pod).
/// </summary>
internal static class ServiceEndpoints
{
    public static IReadOnlyList<IPEndPoint> For(JsonObject service, JsonObject servicePort, IEnumerable<JsonObject> pods)
    {
        var selector = ObjectMeta.StringMap(service["spec"]?["selector"]);
        if (selector.Count == 0)
        {
            // A Service without a selector has manually managed endpoints, which the local cluster does not serve.
            return [];
        }

        var publishNotReady = service["spec"]?["publishNotReadyAddresses"]?.GetValue<bool>() ?? false;
        var targetPort = servicePort["targetPort"] ?? servicePort["port"];
        var endpoints = new List<IPEndPoint>();
        foreach (var pod in pods.OrderBy(p => p.Name(), StringComparer.Ordinal))
        {
            var labels = pod.Labels();
            if (pod.Namespace() != service.Namespace() || pod.IsTerminating()
                || !selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value)
                || !(publishNotReady || pod.IsReady())
                || !IPAddress.TryParse(pod["status"]?["podIP"]?.GetValue<string>(), out var ip))
            {
                continue;
            }

            var port = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => ProbeSpec.ResolvePort(targetPort, c))
                .FirstOrDefault(p => p is not null);
            if (port is { } number)
            {
                endpoints.Add(new IPEndPoint(ip, number));
            }
        }

        return endpoints;
    }
}
