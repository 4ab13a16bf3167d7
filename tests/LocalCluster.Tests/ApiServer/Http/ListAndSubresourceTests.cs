using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Http;

/// <summary>Lists (selectors, paging), dry run, status subresource, pod log and proxy over HTTP.</summary>
public sealed class ListAndSubresourceTests
{
    private const string Leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases";

    private static JsonObject Lease(string name, string tier) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["tier"] = tier } },
        ["spec"] = new JsonObject { ["holderIdentity"] = "x" },
    };

    private static List<string> Names(JsonObject list) =>
        list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Lists_honour_set_based_label_selectors_field_selectors_and_paging()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "db"), ("c", "web"), ("d", "cache") })
        {
            Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Post, Leases, Lease(name, tier))).Status);
        }

        Assert.Equal(["a", "c", "d"], Names(await cluster.GetJsonAsync($"{Leases}?labelSelector=tier%20in%20(web,cache)")));
        Assert.Equal(["b", "d"], Names(await cluster.GetJsonAsync($"{Leases}?labelSelector=tier!%3Dweb")));
        Assert.Equal(["b"], Names(await cluster.GetJsonAsync($"{Leases}?fieldSelector=metadata.name%3Db")));

        var page1 = await cluster.GetJsonAsync($"{Leases}?limit=3");
        Assert.Equal(["a", "b", "c"], Names(page1));
        Assert.Equal(1, page1["metadata"]!["remainingItemCount"]!.GetValue<int>());
        var token = Uri.EscapeDataString(page1["metadata"]!["continue"]!.GetValue<string>());
        var page2 = await cluster.GetJsonAsync($"{Leases}?limit=3&continue={token}");
        Assert.Equal(["d"], Names(page2));
        Assert.Null(page2["metadata"]!["continue"]);
    }

    [Fact]
    public async Task A_dry_run_create_answers_the_object_and_stores_nothing()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });

        var (status, body, _) = await cluster.SendAsync(HttpMethod.Post, $"{Leases}?dryRun=All", Lease("dry", "web"));

        Assert.Equal(201, status);
        Assert.Equal("dry", body["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(cluster.Server.Store.Get(ResourceRef.Leases, "default", "dry"));
    }

    [Fact]
    public async Task The_status_subresource_changes_only_status_and_the_main_endpoint_ignores_status()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var sts = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},
             "spec":{"replicas":1,"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
                     "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}}}
            """)!.AsObject();
        await cluster.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/statefulsets", sts);
        const string path = "/apis/apps/v1/namespaces/default/statefulsets/db";

        var (_, viaStatus, _) = await cluster.SendAsync(HttpMethod.Patch, path + "/status",
            JsonNode.Parse("""{"spec":{"replicas":9},"status":{"replicas":1,"readyReplicas":1}}"""), "application/merge-patch+json");
        var (_, viaMain, _) = await cluster.SendAsync(HttpMethod.Patch, path,
            JsonNode.Parse("""{"spec":{"replicas":2},"status":{"readyReplicas":7}}"""), "application/merge-patch+json");

        Assert.Equal(1, viaStatus["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, viaStatus["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Equal(2, viaMain["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, viaMain["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Equal(2, viaMain["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pod_logs_without_a_log_source_are_400_not_running_and_the_pod_proxy_reaches_the_pod_ip()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var backend = new TcpListener(IPAddress.Loopback, 0);
        backend.Start();
        var port = ((IPEndPoint)backend.LocalEndpoint).Port;
        var serving = ServeOnceAsync(backend, "visits: 42");
        var pod = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0"},
             "spec":{"containers":[{"name":"counter","image":"counter:1","ports":[{"name":"http","containerPort":0}]}]}}
            """)!.AsObject();
        pod["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"] = port;
        await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", pod);
        await cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/web-0/status",
            JsonNode.Parse("""{"status":{"phase":"Running","podIP":"127.0.0.1"}}"""), "application/merge-patch+json");

        var (logStatus, logBody, _) = await cluster.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/web-0/log");
        Assert.Equal(400, logStatus);
        Assert.Equal("container \"counter\" in pod \"web-0\" is not running", logBody["message"]!.GetValue<string>());

        using var proxied = await cluster.Http.GetAsync("/api/v1/namespaces/default/pods/web-0:http/proxy/visits?x=1");
        Assert.Equal("visits: 42", await proxied.Content.ReadAsStringAsync());
        Assert.StartsWith("GET /visits?x=1 ", await serving);
    }

    private static async Task<string> ServeOnceAsync(TcpListener listener, string body)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
        }
        var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return requestLine;
    }
}
