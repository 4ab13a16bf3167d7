using System.Text.Json.Nodes;
using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests;

/// <summary>The classic StatefulSet lab, step by step, with kubectl against the operator and the local cluster.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LabTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task ThreeReplicas_CountVisitsPerPod_AndAPodKeepsItsCountWhenDeleted()
    {
        var ns = await cluster.NewNamespaceAsync("lab");
        await cluster.Kubectl.ApplyAsync(Manifests.App("web", ns, 3, "service:\n  type: NodePort\n"));
        await cluster.WaitForReadyAsync(ns, "web", 3);

        // The children, with the names the design promises.
        var sts = await cluster.Kubectl.GetJsonAsync("get", "statefulset", "web", "-n", ns);
        Assert.Equal("web-headless", sts.Str("spec.serviceName"));
        var headless = await cluster.Kubectl.GetJsonAsync("get", "service", "web-headless", "-n", ns);
        Assert.Equal("None", headless.Str("spec.clusterIP"));
        var client = await cluster.Kubectl.GetJsonAsync("get", "service", "web", "-n", ns);
        Assert.Equal("NodePort", client.Str("spec.type"));
        var pvcs = (await cluster.Kubectl.ListAsync("pvc", ns)).Select(p => p.Str("metadata.name")).Order().ToList();
        Assert.Equal(["data-web-0", "data-web-1", "data-web-2"], pvcs);

        // Visit through the Service: each request on a new connection, as separate browsers would.
        var nodePort = client["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>();
        const int serviceVisits = 30;
        var served = await Visits.ThroughServiceAsync(nodePort, serviceVisits);
        Assert.True(served.Count >= 2, $"visits should spread over the pods, got {string.Join(", ", served)}");
        Assert.Equal(serviceVisits, served.Values.Sum());

        // Top up each pod directly (through the pod proxy) so that every pod ends with a different count.
        var extra = await Visits.MakeCountsDistinctAsync(cluster.Kubectl, ns, "web", 3, served);

        var counts = new Dictionary<string, long>();
        for (var ordinal = 0; ordinal < 3; ordinal++)
        {
            counts[$"web-{ordinal}"] = await cluster.Kubectl.PodVisitsAsync(ns, $"web-{ordinal}");
        }

        Assert.Equal(3, counts.Values.Distinct().Count());
        Assert.Equal(serviceVisits + extra, counts.Values.Sum());

        // The status reports the same per-pod and total counts.
        await Eventually.True("the VisitCounterApp status shows every pod's visits and their sum", async () =>
        {
            var app = await cluster.Kubectl.GetJsonAsync("get", "vca", "web", "-n", ns);
            var pods = app["status"]?["pods"]?.AsArray() ?? [];
            return app.Long("status.visits") == counts.Values.Sum()
                && pods.Count == 3
                && pods.All(p => counts[p.Str("name")!] == p.Long("visits"));
        }, describe: () => cluster.DescribeAsync(ns));

        // Delete a pod: it comes back with the same claim and its count.
        var before = await cluster.Kubectl.GetJsonAsync("get", "pod", "web-1", "-n", ns);
        await cluster.Kubectl.RunAsync("delete", "pod", "web-1", "-n", ns);
        var after = await cluster.ReadyPodAsync(ns, "web-1", p => ClusterAssertions.Uid(p) != ClusterAssertions.Uid(before));
        var claim = after["spec"]!["volumes"]!.AsArray().Select(v => v.Str("persistentVolumeClaim.claimName")).First(c => c is not null);
        Assert.Equal("data-web-1", claim);
        Assert.Equal(counts["web-1"], await cluster.Kubectl.PodVisitsAsync(ns, "web-1"));
    }
}
