using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Services;

namespace VisitCounter.LocalCluster.Tests.Workloads.Services;

public sealed class ServiceEndpointsTests
{
    private static JsonObject PodAt(string name, string ip, bool ready, string app = "web", bool terminating = false)
    {
        var pod = Manifests.Pod(name, Manifests.CounterContainer());
        pod["metadata"]!["labels"] = new JsonObject { ["app"] = app };
        if (terminating)
        {
            pod["metadata"]!["deletionTimestamp"] = "2026-01-01T00:00:00Z";
        }

        pod["status"] = new JsonObject
        {
            ["podIP"] = ip,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
        };
        return pod;
    }

    [Fact]
    public void Only_ready_selected_live_pods_are_endpoints_at_the_named_target_port()
    {
        var service = Manifests.Service("web", "NodePort", "web");
        JsonObject[] pods =
        [
            PodAt("web-0", "127.0.0.2", ready: true),
            PodAt("web-1", "127.0.0.3", ready: false),
            PodAt("other-0", "127.0.0.4", ready: true, app: "other"),
            PodAt("web-2", "127.0.0.5", ready: true, terminating: true),
        ];

        var endpoints = ServiceEndpoints.For(service, service["spec"]!["ports"]![0]!.AsObject(), pods);

        Assert.Equal(["127.0.0.2:8080"], endpoints.Select(e => e.ToString()));
    }

    [Fact]
    public void PublishNotReadyAddresses_includes_pods_that_are_not_ready()
    {
        var service = Manifests.Service("web-headless", "ClusterIP", "web");
        service["spec"]!["publishNotReadyAddresses"] = true;

        var endpoints = ServiceEndpoints.For(service, service["spec"]!["ports"]![0]!.AsObject(), [PodAt("web-1", "127.0.0.3", ready: false)]);

        Assert.Single(endpoints);
    }
}
