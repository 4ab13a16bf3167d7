using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

/// <summary>
/// The /etc/hosts of a pod's sandbox: what cluster DNS would answer inside the pod's namespace, written as host
/// entries so that <c>getent hosts</c>, curl and every libc resolver find them without a DNS server.
/// <list type="bullet">
/// <item>the pod itself under its hostname (as the kubelet's managed hosts file);</item>
/// <item>every pod with <c>spec.hostname</c> and <c>spec.subdomain</c> (StatefulSet pods) as
/// <c>HOST.SUBDOMAIN</c>, <c>HOST.SUBDOMAIN.NS</c>, <c>.svc</c> and <c>.svc.cluster.local</c>;</item>
/// <item>every Service as <c>NAME</c>, <c>NAME.NS</c>, <c>.svc</c>, <c>.svc.cluster.local</c>: a LoadBalancer at its
/// loopback ingress address (where the local service proxy serves the Service's port), any other Service at the
/// addresses of its ready pods, as a headless Service resolves (local ClusterIPs are not routable).</item>
/// </list>
/// </summary>
internal static class HostsFile
{
    public const string ClusterDomain = "cluster.local";

    public static string Render(string ownHostname, string ownIp, string ns, IEnumerable<JsonObject> pods, IEnumerable<JsonObject> services)
    {
        var text = new StringBuilder();
        text.Append("# Kubernetes-managed hosts file (local cluster): pods and Services of namespace ").Append(ns).Append('\n');
        text.Append("127.0.0.1\tlocalhost\n");
        text.Append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        text.Append(ownIp).Append('\t').Append(ownHostname).Append('\n');

        var live = pods.Where(p => p.Namespace() == ns && !p.IsTerminating() && PodIp(p) is not null).OrderBy(p => p.Name(), StringComparer.Ordinal).ToList();
        foreach (var pod in live)
        {
            var hostname = pod["spec"]?["hostname"]?.GetValue<string>();
            var subdomain = pod["spec"]?["subdomain"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(hostname) && !string.IsNullOrEmpty(subdomain))
            {
                Line(text, PodIp(pod)!, $"{hostname}.{subdomain}", ns);
            }
        }

        foreach (var service in services.Where(s => s.Namespace() == ns).OrderBy(s => s.Name(), StringComparer.Ordinal))
        {
            foreach (var address in ServiceAddresses(service, live))
            {
                Line(text, address, service.Name(), ns);
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string ip, string name, string ns) =>
        text.Append(ip).Append('\t').Append(name).Append(' ').Append(name).Append('.').Append(ns)
            .Append(' ').Append(name).Append('.').Append(ns).Append(".svc")
            .Append(' ').Append(name).Append('.').Append(ns).Append(".svc.").Append(ClusterDomain).Append('\n');

    private static IEnumerable<string> ServiceAddresses(JsonObject service, IReadOnlyList<JsonObject> pods)
    {
        if (service["spec"]?["type"]?.GetValue<string>() == "LoadBalancer"
            && service["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]?.GetValue<string>() is { Length: > 0 } ingress)
        {
            return [ingress];
        }

        if (service["spec"]?["selector"] is not JsonObject selector || selector.Count == 0)
        {
            return [];
        }

        return pods.Where(p => IsReady(p) && Matches(p, selector)).Select(p => PodIp(p)!);
    }

    private static bool Matches(JsonObject pod, JsonObject selector) =>
        selector.All(kv => pod["metadata"]?["labels"]?[kv.Key]?.GetValue<string>() == kv.Value?.GetValue<string>());

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");

    private static string? PodIp(JsonObject pod) => pod["status"]?["podIP"]?.GetValue<string>() is { Length: > 0 } ip ? ip : null;
}
