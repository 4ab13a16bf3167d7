using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Tests.Workloads.Services;

/// <summary>NodePort and LoadBalancer Services served locally and balanced over ready pods.</summary>
public sealed class ServiceProxyTests
{
    [Fact]
    public async Task NodePort_spreads_visits_over_the_ready_pods_and_loses_none()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("np", 2, policy: "Parallel"));
        var service = await cluster.Store.CreateAsync(ResourceRef.Services, Manifests.Service("np", "NodePort", "np"));
        var nodePort = JsonNumber.AsInt32(service["spec"]!["ports"]![0]!["nodePort"])!.Value;
        Assert.InRange(nodePort, 30000, 32767);
        await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "np", s => JsonNumber.AsInt32(s?["status"]?["readyReplicas"]) == 2, "2 ready pods");

        const int visits = 20;
        for (var i = 0; i < visits; i++)
        {
            // A new connection per visit, like a browser opened anew: kube-proxy balances connections.
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero });
            using var response = await http.GetAsync($"http://127.0.0.1:{nodePort}/");
            response.EnsureSuccessStatusCode();
        }

        var perPod = new List<long>();
        foreach (var name in new[] { "np-0", "np-1" })
        {
            var ip = cluster.Store.Get(ResourceRef.Pods, "default", name)!["status"]!["podIP"]!.GetValue<string>();
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            perPod.Add(long.Parse(await http.GetStringAsync($"http://{ip}:8080/visits"), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(visits, perPod.Sum());
        Assert.All(perPod, count => Assert.True(count > 0, $"visits per pod: {string.Join(", ", perPod)}"));
    }

    [Fact]
    public async Task LoadBalancer_gets_its_own_loopback_ip_in_status_and_serves_the_service_port()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("lb", 1));
        await cluster.Store.CreateAsync(ResourceRef.Services, Manifests.Service("lb", "LoadBalancer", "lb", port: 8081));

        var service = (await cluster.WaitForAsync(ResourceRef.Services, "default", "lb",
            s => s?["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"] is not null, "a load balancer ingress"))!;
        await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "lb", s => JsonNumber.AsInt32(s?["status"]?["readyReplicas"]) == 1, "1 ready pod");

        var ip = service["status"]!["loadBalancer"]!["ingress"]![0]!["ip"]!.GetValue<string>();
        Assert.StartsWith("127.0.1.", ip, StringComparison.Ordinal);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        Assert.Equal("0\n", await http.GetStringAsync($"http://{ip}:8081/visits"));
    }
}
