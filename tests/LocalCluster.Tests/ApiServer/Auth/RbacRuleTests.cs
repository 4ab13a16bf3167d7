using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Auth;

namespace VisitCounter.LocalCluster.Tests.Server.Auth;

/// <summary>The pure parts of authorization: request parsing, rule matching, binding subjects.</summary>
public sealed class RbacRuleTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/ns/pods", false, "list", "", "pods", "", "ns", "")]
    [InlineData("GET", "/api/v1/namespaces/ns/pods", true, "watch", "", "pods", "", "ns", "")]
    [InlineData("GET", "/api/v1/namespaces/ns/pods/web-0/log", false, "get", "", "pods", "log", "ns", "web-0")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/ns/statefulsets/db/status", false, "patch", "apps", "statefulsets", "status", "ns", "db")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns/deployments", false, "deletecollection", "apps", "deployments", "", "ns", "")]
    [InlineData("GET", "/api/v1/namespaces/ns", false, "get", "", "namespaces", "", "ns", "ns")]
    [InlineData("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", false, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "", "")]
    public void Requests_parse_as_the_request_info_factory_does(string method, string path, bool watch, string verb, string group, string resource, string subresource, string ns, string name)
    {
        var request = RequestAttributes.FromRequest(method, path, watch);

        Assert.True(request.IsResourceRequest);
        Assert.Equal((verb, group, resource, subresource, ns, name), (request.Verb, request.ApiGroup, request.Resource, request.Subresource, request.Namespace, request.Name));
    }

    [Fact]
    public void Discovery_paths_are_non_resource_requests()
    {
        var request = RequestAttributes.FromRequest("GET", "/apis/apps/v1", false);

        Assert.False(request.IsResourceRequest);
        Assert.Equal(("get", "/apis/apps/v1"), (request.Verb, request.Path));
    }

    [Theory]
    [InlineData("""{"verbs":["get"],"apiGroups":[""],"resources":["pods"]}""", "get", "pods", "", "x", true)]
    [InlineData("""{"verbs":["get"],"apiGroups":[""],"resources":["pods"]}""", "get", "pods", "log", "x", false)]
    [InlineData("""{"verbs":["get"],"apiGroups":[""],"resources":["pods/log"]}""", "get", "pods", "log", "x", true)]
    [InlineData("""{"verbs":["get"],"apiGroups":[""],"resources":["*/log"]}""", "get", "pods", "log", "x", true)]
    [InlineData("""{"verbs":["*"],"apiGroups":["*"],"resources":["*"]}""", "delete", "pods", "", "x", true)]
    [InlineData("""{"verbs":["get"],"apiGroups":["apps"],"resources":["pods"]}""", "get", "pods", "", "x", false)]
    [InlineData("""{"verbs":["get"],"apiGroups":[""],"resources":["pods"],"resourceNames":["y"]}""", "get", "pods", "", "x", false)]
    [InlineData("""{"verbs":["get"],"apiGroups":[""],"resources":["pods"],"resourceNames":["x"]}""", "get", "pods", "", "x", true)]
    [InlineData("""{"verbs":["get"],"apiGroups":[""],"resources":["pods"],"resourceNames":["x"]}""", "list", "pods", "", "", false)]
    public void Rules_match_verbs_groups_resources_subresources_and_names(string rule, string verb, string resource, string subresource, string name, bool allowed)
    {
        var request = new RequestAttributes { Verb = verb, IsResourceRequest = true, Resource = resource, Subresource = subresource, Name = name, Namespace = "ns" };

        Assert.Equal(allowed, RbacRule.FromJson(JsonNode.Parse(rule)).Allows(request));
    }

    [Theory]
    [InlineData("/healthz", "/healthz", true)]
    [InlineData("/apis/*", "/apis/apps/v1", true)]
    [InlineData("/apis", "/apis/apps", false)]
    [InlineData("*", "/metrics", true)]
    public void Non_resource_urls_match_exactly_or_by_trailing_star(string url, string path, bool allowed)
    {
        var rule = new RbacRule(["get"], [], [], [], [url]);

        Assert.Equal(allowed, rule.Allows(new RequestAttributes { Verb = "get", Path = path }));
    }

    [Fact]
    public void A_binding_to_a_missing_role_denies_with_the_rbac_reason()
    {
        var binding = JsonNode.Parse("""
            {"metadata":{"name":"b","namespace":"ns"},"roleRef":{"kind":"Role","name":"gone"},"subjects":[{"kind":"ServiceAccount","name":"sa"}]}
            """)!.AsObject();
        var policy = new RbacPolicy([], [], [], [binding]);
        var request = new RequestAttributes { Verb = "get", IsResourceRequest = true, Resource = "pods", Namespace = "ns" };

        var decision = RbacAuthorizer.Authorize(UserInfo.ServiceAccount("ns", "sa", "u"), request, policy);

        Assert.False(decision.Allowed);
        Assert.Equal("RBAC: role.rbac.authorization.k8s.io \"gone\" not found", decision.Reason);
    }

    [Fact]
    public void Group_subjects_match_service_account_groups()
    {
        var role = JsonNode.Parse("""{"metadata":{"name":"r"},"rules":[{"verbs":["list"],"apiGroups":[""],"resources":["pods"]}]}""")!.AsObject();
        var binding = JsonNode.Parse("""
            {"metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"r"},"subjects":[{"kind":"Group","name":"system:serviceaccounts:ns"}]}
            """)!.AsObject();
        var policy = new RbacPolicy([role], [], [binding], []);
        var request = new RequestAttributes { Verb = "list", IsResourceRequest = true, Resource = "pods" };

        Assert.True(RbacAuthorizer.Authorize(UserInfo.ServiceAccount("ns", "sa", "u"), request, policy).Allowed);
        Assert.False(RbacAuthorizer.Authorize(UserInfo.ServiceAccount("other", "sa", "u"), request, policy).Allowed);
    }
}
