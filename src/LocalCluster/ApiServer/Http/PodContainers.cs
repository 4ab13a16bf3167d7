using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>Which container a pod subresource request (log, exec) means, with the real server's errors.</summary>
internal static class PodContainers
{
    public static string Resolve(JsonObject pod, string podName, string requested)
    {
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>() ?? "").ToList();
        if (requested.Length == 0)
        {
            if (containers.Count != 1)
            {
                throw ApiException.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(" ", containers)}]");
            }

            return containers[0];
        }

        if (!containers.Contains(requested))
        {
            throw ApiException.BadRequest($"container {requested} is not valid for pod {podName}");
        }

        return requested;
    }
}
