using VisitCounter.LocalCluster.ApiServer.Metrics;

namespace VisitCounter.LocalCluster.Tests.Server.Metrics;

/// <summary>Requests are labelled as kube-apiserver's endpoints/metrics labels them.</summary>
public sealed class RequestMetricLabelsTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods", null, null, "LIST", "", "v1", "pods", "", "namespace")]
    [InlineData("GET", "/api/v1/pods", null, null, "LIST", "", "v1", "pods", "", "cluster")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-0", null, null, "GET", "", "v1", "pods", "", "resource")]
    [InlineData("GET", "/apis/apps/v1/namespaces/default/statefulsets", "true", null, "WATCH", "apps", "v1", "statefulsets", "", "namespace")]
    [InlineData("GET", "/apis/apps/v1/statefulsets", "1", null, "WATCH", "apps", "v1", "statefulsets", "", "cluster")]
    [InlineData("GET", "/apis/apps/v1/statefulsets", "false", null, "LIST", "apps", "v1", "statefulsets", "", "cluster")]
    [InlineData("POST", "/apis/apps/v1/namespaces/default/statefulsets", null, "application/json", "POST", "apps", "v1", "statefulsets", "", "resource")]
    [InlineData("PUT", "/apis/apps/v1/namespaces/default/statefulsets/web/status", null, "application/json", "PUT", "apps", "v1", "statefulsets", "status", "resource")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/default/statefulsets/web/scale", null, "application/merge-patch+json", "PATCH", "apps", "v1", "statefulsets", "scale", "resource")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/default/statefulsets/web", null, "application/apply-patch+yaml", "APPLY", "apps", "v1", "statefulsets", "", "resource")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/default/statefulsets/web", null, "application/apply-patch+yaml; charset=utf-8", "APPLY", "apps", "v1", "statefulsets", "", "resource")]
    [InlineData("DELETE", "/api/v1/namespaces/default/services/web", null, null, "DELETE", "", "v1", "services", "", "resource")]
    [InlineData("DELETE", "/api/v1/namespaces/default/services", null, null, "DELETE", "", "v1", "services", "", "namespace")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-0/log", null, null, "CONNECT", "", "v1", "pods", "log", "resource")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web-0:8080/proxy/visits", null, null, "CONNECT", "", "v1", "pods", "proxy", "resource")]
    [InlineData("GET", "/api/v1/namespaces/default", null, null, "GET", "", "v1", "namespaces", "", "resource")]
    [InlineData("PUT", "/api/v1/namespaces/default/status", null, "application/json", "PUT", "", "v1", "namespaces", "status", "resource")]
    [InlineData("GET", "/api/v1/namespaces", null, null, "LIST", "", "v1", "namespaces", "", "cluster")]
    public void Resource_requests_are_labelled_as_kube_apiserver_labels_them(string method, string path, string? watch, string? contentType,
        string verb, string group, string version, string resource, string subresource, string scope)
    {
        var labels = RequestMetricLabels.Of(method, path, watch, [], contentType);

        Assert.Equal(new RequestMetricLabels(verb, "", group, version, resource, subresource, scope), labels);
    }

    [Theory]
    [InlineData("/version")]
    [InlineData("/apis")]
    [InlineData("/api/v1")]
    [InlineData("/apis/apps/v1")]
    [InlineData("/openapi/v3/apis/apps/v1")]
    [InlineData("/metrics")]
    public void Non_resource_paths_count_as_GET_with_the_path_as_subresource_and_no_scope(string path)
    {
        var labels = RequestMetricLabels.Of("GET", path, null, [], null);

        Assert.Equal(new RequestMetricLabels("GET", "", "", "", "", path, ""), labels);
    }

    [Theory]
    [InlineData(new[] { "All" }, "All")]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "Everything" }, "invalid")]
    public void Dry_run_is_labelled_All_empty_or_invalid(string[] dryRun, string expected) =>
        Assert.Equal(expected, RequestMetricLabels.Of("POST", "/api/v1/namespaces/default/services", null, dryRun, "application/json").DryRun);

    [Fact]
    public void Watches_and_connects_are_long_running_and_lists_are_not()
    {
        Assert.True(RequestMetricLabels.Of("GET", "/api/v1/pods", "true", [], null).IsLongRunning);
        Assert.True(RequestMetricLabels.Of("GET", "/api/v1/namespaces/d/pods/p/log", null, [], null).IsLongRunning);
        Assert.False(RequestMetricLabels.Of("GET", "/api/v1/pods", null, [], null).IsLongRunning);
    }
}
