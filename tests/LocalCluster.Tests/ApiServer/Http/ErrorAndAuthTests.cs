using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Http;

/// <summary>metav1.Status errors, authentication, version and discovery over HTTP.</summary>
public sealed class ErrorAndAuthTests
{
    [Fact]
    public async Task A_missing_object_is_404_with_the_real_status_body()
    {
        await using var cluster = await TestCluster.StartAsync();

        var (status, body, _) = await cluster.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/statefulsets/nosuch");

        Assert.Equal(404, status);
        var expected = JsonNode.Parse(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"statefulsets.apps \"nosuch\" not found","reason":"NotFound","details":{"name":"nosuch","group":"apps","kind":"statefulsets"},"code":404}""");
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public async Task A_crd_with_a_mistyped_field_is_a_400_not_a_server_error()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var crd = JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"things.example.com"},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"things","kind":"Thing"},
                     "versions":[{"name":"v1","served":true,"storage":"yes","schema":{"openAPIV3Schema":{"type":"object"}}}]}}
            """);

        var (status, body, _) = await cluster.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);

        Assert.Equal(400, status);
        Assert.Equal("BadRequest", body["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_fields_under_warn_are_pruned_and_reported_in_a_warning_header()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        await cluster.Kubectl.SucceedAsync("apply", "-f", Path.Combine(TestCluster.Fixtures, "crd.yaml"));
        var app = JsonNode.Parse("""
            {"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"odd"},
             "spec":{"image":"nginx:1.27","colour":"blue"}}
            """);

        var (status, body, response) = await cluster.SendAsync(HttpMethod.Post,
            "/apis/visitcounter.io/v1alpha1/namespaces/default/visitcounterapps?fieldValidation=Warn", app);

        Assert.Equal(201, status);
        Assert.Null(body["spec"]!["colour"]);
        Assert.Equal(["299 - \"unknown field \\\"spec.colour\\\"\""], response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task Requests_without_the_bearer_token_are_401_unauthorized()
    {
        await using var cluster = await TestCluster.StartAsync();
        var saved = cluster.Http.DefaultRequestHeaders.Authorization;
        cluster.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");

        var (status, body, _) = await cluster.SendAsync(HttpMethod.Get, "/api/v1/namespaces");

        Assert.Equal(401, status);
        Assert.Equal("Unauthorized", body["reason"]!.GetValue<string>());
        cluster.Http.DefaultRequestHeaders.Authorization = saved;
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Get, "/api/v1/namespaces")).Status);
    }

    [Fact]
    public async Task Version_reports_the_configured_minor()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { ReportedMinorVersion = "30", Https = false });

        var version = await cluster.GetJsonAsync("/version");

        Assert.Equal("1", version["major"]!.GetValue<string>());
        Assert.Equal("30", version["minor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Aggregated_discovery_is_answered_with_its_content_type_and_lists_builtins()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept",
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");

        using var response = await cluster.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        var groups = body["items"]!.AsArray().Select(g => g!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["apps", "authorization.k8s.io", "policy", "coordination.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "apiextensions.k8s.io"], groups);
    }

    [Fact]
    public async Task Default_namespaces_and_the_default_storage_class_exist()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });

        var namespaces = (await cluster.GetJsonAsync("/api/v1/namespaces"))["items"]!.AsArray().Select(n => n!["metadata"]!["name"]!.GetValue<string>());
        var standard = await cluster.GetJsonAsync("/apis/storage.k8s.io/v1/storageclasses/standard");

        Assert.Contains("default", namespaces);
        Assert.Equal("true", standard["metadata"]!["annotations"]!["storageclass.kubernetes.io/is-default-class"]!.GetValue<string>());
        Assert.True(standard["allowVolumeExpansion"]!.GetValue<bool>());
    }
}
