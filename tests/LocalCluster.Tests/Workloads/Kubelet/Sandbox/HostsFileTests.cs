using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet.Sandbox;

public sealed class HostsFileTests
{
    private static JsonObject Pod(string name, string? ip, bool ready = true, string ns = "lab", bool terminating = false)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = "web" } };
        if (terminating)
        {
            metadata["deletionTimestamp"] = "2026-01-01T00:00:00Z";
        }

        return new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["hostname"] = name, ["subdomain"] = "web-headless" },
            ["status"] = new JsonObject
            {
                ["podIP"] = ip,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
            },
        };
    }

    private static JsonObject Service(string name, string type = "ClusterIP", string? ingress = null, string ns = "lab")
    {
        var service = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["type"] = type, ["selector"] = new JsonObject { ["app"] = "web" } },
        };
        if (ingress is not null)
        {
            service["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = ingress }) } };
        }

        return service;
    }

    private static string[] Lines(string text, string name) =>
        text.Split('\n').Where(l => l.Split((char[])['\t', ' ']).Skip(1).Contains(name)).ToArray();

    [Fact]
    public void Statefulset_pods_resolve_by_hostname_subdomain_in_short_and_full_forms()
    {
        var text = HostsFile.Render("web-0", "127.0.0.2", "lab", [Pod("web-0", "127.0.0.2"), Pod("web-1", "127.0.0.3")], []);

        Assert.Equal(["127.0.0.3\tweb-1.web-headless web-1.web-headless.lab web-1.web-headless.lab.svc web-1.web-headless.lab.svc.cluster.local"],
            Lines(text, "web-1.web-headless"));
        Assert.Single(Lines(text, "web-0"));
        Assert.Equal(2, Lines(text, "localhost").Length);   // IPv4 and IPv6
    }

    [Fact]
    public void A_service_resolves_to_its_ready_pods_and_a_load_balancer_to_its_ingress()
    {
        var pods = new[] { Pod("web-0", "127.0.0.2"), Pod("web-1", "127.0.0.3", ready: false) };

        var text = HostsFile.Render("web-0", "127.0.0.2", "lab", pods, [Service("web"), Service("web-lb", "LoadBalancer", "127.0.1.4")]);

        Assert.Equal(["127.0.0.2\tweb web.lab web.lab.svc web.lab.svc.cluster.local"], Lines(text, "web"));
        Assert.Equal(["127.0.1.4\tweb-lb web-lb.lab web-lb.lab.svc web-lb.lab.svc.cluster.local"], Lines(text, "web-lb"));
    }

    [Fact]
    public void Pods_without_an_ip_terminating_or_in_other_namespaces_are_left_out()
    {
        var pods = new[] { Pod("web-1", null), Pod("web-2", "127.0.0.4", terminating: true), Pod("web-3", "127.0.0.5", ns: "other") };

        var text = HostsFile.Render("web-0", "127.0.0.2", "lab", pods, [Service("other-svc", ns: "other")]);

        Assert.DoesNotContain("web-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("web-2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("web-3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other-svc", text, StringComparison.Ordinal);
    }
}
