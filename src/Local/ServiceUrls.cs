using VisitCounter.Kube.Models;

namespace VisitCounter.Local;

/// <summary>
/// Where a person reaches a Service of the local cluster: NodePorts on 127.0.0.1, LoadBalancers on their
/// ingress address, ClusterIP Services through the API server's service proxy (as on a real cluster).
/// </summary>
public static class ServiceUrls
{
    /// <summary>The addresses of <paramref name="service"/>, most direct first; empty for headless Services.</summary>
    public static IReadOnlyList<string> For(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = service.Spec;
        if (spec?.Ports is not { Count: > 0 } ports || spec.ClusterIP == "None")
        {
            return [];
        }

        var urls = new List<string>();
        if (spec.Type == "LoadBalancer")
        {
            foreach (var ingress in service.Status?.LoadBalancer?.Ingress ?? [])
            {
                var host = ingress.Ip ?? ingress.Hostname;
                if (host is not null)
                {
                    urls.AddRange(ports.Select(p => $"http://{host}:{p.Port}/"));
                }
            }
        }

        if (spec.Type is "NodePort" or "LoadBalancer")
        {
            urls.AddRange(ports.Where(p => p.NodePort is > 0).Select(p => $"http://127.0.0.1:{p.NodePort}/"));
        }

        var ns = service.Metadata.Namespace ?? "default";
        urls.AddRange(ports.Select(p =>
            $"kubectl get --raw /api/v1/namespaces/{ns}/services/{service.Metadata.Name}:{p.Name ?? p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/proxy/"));
        return urls;
    }
}
