using System.Net;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.KubeClient.Support;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Metrics;

/// <summary><c>/metrics</c> counts requests by verb, resource, subresource, scope and code as kube-apiserver does.</summary>
public sealed class ApiServerMetricsTests
{
    private const string Leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases";

    private static JsonObject Lease(string name) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["holderIdentity"] = "x" },
    };

    private static async Task<string> MetricsAsync(TestCluster cluster)
    {
        using var response = await cluster.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Requests(string text, string verb, string resource, string code, string scope = "resource", string subresource = "") =>
        PrometheusText.Sum(text, "apiserver_request_total", ("verb", verb), ("resource", resource), ("code", code), ("scope", scope),
            ("subresource", subresource), ("component", "apiserver"), ("dry_run", ""));

    [Fact]
    public async Task Requests_are_counted_by_verb_resource_scope_and_code()
    {
        await using var cluster = await TestCluster.StartAsync();

        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Post, Leases, Lease("a"))).Status);
        Assert.Equal(409, (await cluster.SendAsync(HttpMethod.Post, Leases, Lease("a"))).Status);
        Assert.Equal(422, (await cluster.SendAsync(HttpMethod.Post, Leases, Lease("Not_A_Name"))).Status);
        Assert.Equal(404, (await cluster.SendAsync(HttpMethod.Get, $"{Leases}/missing")).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Get, Leases)).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Get, "/apis/coordination.k8s.io/v1/leases")).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Patch, $"{Leases}/a", new JsonObject { ["spec"] = new JsonObject { ["holderIdentity"] = "y" } },
            "application/merge-patch+json")).Status);
        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Patch, $"{Leases}/b?fieldManager=tester", Lease("b"), "application/apply-patch+yaml")).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Patch, $"{Leases}/b?fieldManager=tester", Lease("b"), "application/apply-patch+yaml")).Status);
        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Post, $"{Leases}?dryRun=All", Lease("c"))).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Delete, $"{Leases}/a")).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/status")).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Get, "/version")).Status);

        var text = await MetricsAsync(cluster);

        Assert.Equal(1, Requests(text, "POST", "leases", "201"));
        Assert.Equal(1, PrometheusText.Sum(text, "apiserver_request_total", ("verb", "POST"), ("resource", "leases"), ("dry_run", "All"), ("code", "201")));
        Assert.Equal(1, Requests(text, "POST", "leases", "409"));
        Assert.Equal(1, Requests(text, "POST", "leases", "422"));
        Assert.Equal(1, Requests(text, "GET", "leases", "404"));
        Assert.Equal(1, Requests(text, "LIST", "leases", "200", scope: "namespace"));
        Assert.Equal(1, Requests(text, "LIST", "leases", "200", scope: "cluster"));
        Assert.Equal(1, Requests(text, "PATCH", "leases", "200"));
        Assert.Equal(1, Requests(text, "APPLY", "leases", "201"));
        Assert.Equal(1, Requests(text, "APPLY", "leases", "200"));
        Assert.Equal(1, Requests(text, "DELETE", "leases", "200"));
        Assert.Equal(1, Requests(text, "GET", "namespaces", "200", subresource: "status"));
        Assert.Equal(1, PrometheusText.Sum(text, "apiserver_request_total", ("verb", "GET"), ("subresource", "/version"), ("scope", ""),
            ("resource", ""), ("group", ""), ("version", ""), ("code", "200")));
        Assert.Equal(1, PrometheusText.Sum(text, "apiserver_request_total", ("verb", "PATCH"), ("group", "coordination.k8s.io"), ("version", "v1"),
            ("resource", "leases")));
        Assert.Equal(13, PrometheusText.Sum(text, "apiserver_request_duration_seconds_count") - PrometheusText.Sum(text,
            "apiserver_request_duration_seconds_count", ("subresource", "/metrics")));
    }

    [Fact]
    public async Task An_open_watch_is_a_long_running_request_and_is_counted_as_WATCH_when_it_ends()
    {
        await using var cluster = await TestCluster.StartAsync();

        using (var watch = await cluster.Http.GetAsync($"{Leases}?watch=1&timeoutSeconds=30", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
            Assert.Equal(1, PrometheusText.Sum(await MetricsAsync(cluster), "apiserver_longrunning_requests",
                ("verb", "WATCH"), ("resource", "leases"), ("scope", "namespace")));
        }

        await Eventually.TrueAsync(async () =>
        {
            var text = await MetricsAsync(cluster);
            return Requests(text, "WATCH", "leases", "200", scope: "namespace") == 1 &&
                   PrometheusText.Sum(text, "apiserver_longrunning_requests", ("verb", "WATCH"), ("resource", "leases")) == 0;
        }, "the closed watch to be counted and no longer open");
    }

    [Fact]
    public async Task Metrics_need_the_token_like_every_other_path()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var anonymous = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            BaseAddress = cluster.Server.BaseAddress,
        };

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, PrometheusText.Sum(await MetricsAsync(cluster), "apiserver_request_total", ("code", "401")));
    }

    [Fact]
    public async Task Kubectl_get_raw_metrics_shows_the_request_counter()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("get", "namespaces");

        var text = await cluster.Kubectl.SucceedAsync("get", "--raw", "/metrics");

        Assert.Contains("# TYPE apiserver_request_total counter", text, StringComparison.Ordinal);
        Assert.True(Requests(text, "LIST", "namespaces", "200", scope: "cluster") >= 1, text);
    }
}
