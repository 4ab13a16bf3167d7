using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// The fieldRef paths the kubelet resolves for environment variables (the downward API), with the values a local
/// pod has: its own name, namespace, uid, labels and annotations, the node, and its loopback pod IP.
/// </summary>
internal static class DownwardApi
{
    public static string? Resolve(JsonObject pod, string fieldPath, string podIp, string hostIp)
    {
        switch (fieldPath)
        {
            case "metadata.name":
                return pod.Name();
            case "metadata.namespace":
                return pod.Namespace();
            case "metadata.uid":
                return pod.Uid();
            case "spec.nodeName":
                return pod["spec"]?["nodeName"]?.GetValue<string>() ?? "";
            case "spec.serviceAccountName":
                return pod["spec"]?["serviceAccountName"]?.GetValue<string>() ?? "default";
            case "status.podIP":
            case "status.podIPs":
                return podIp;
            case "status.hostIP":
            case "status.hostIPs":
                return hostIp;
        }

        foreach (var (prefix, map) in new[] { ("metadata.labels", "labels"), ("metadata.annotations", "annotations") })
        {
            if (fieldPath.StartsWith(prefix + "['", StringComparison.Ordinal) && fieldPath.EndsWith("']", StringComparison.Ordinal))
            {
                var key = fieldPath[(prefix.Length + 2)..^2];
                return ObjectMeta.StringMap(pod.Metadata()[map]).GetValueOrDefault(key, "");
            }
        }

        return null;
    }
}
