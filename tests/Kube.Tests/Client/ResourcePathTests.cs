using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Tests.Client;

public sealed class ResourcePathTests
{
    [Theory]
    [InlineData(typeof(V1Pod), "ns", null, null, "/api/v1/namespaces/ns/pods")]
    [InlineData(typeof(V1Pod), null, null, null, "/api/v1/pods")]
    [InlineData(typeof(V1Pod), "ns", "web-0", null, "/api/v1/namespaces/ns/pods/web-0")]
    [InlineData(typeof(V1StatefulSet), "ns", "web", "scale", "/apis/apps/v1/namespaces/ns/statefulsets/web/scale")]
    [InlineData(typeof(V1StatefulSet), "ns", "web", "status", "/apis/apps/v1/namespaces/ns/statefulsets/web/status")]
    [InlineData(typeof(V1Namespace), "ignored", "default", null, "/api/v1/namespaces/default")]
    [InlineData(typeof(V1CustomResourceDefinition), null, "vcas.visitcounter.io", null, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/vcas.visitcounter.io")]
    [InlineData(typeof(V1Lease), "kube-system", "op", null, "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/op")]
    public void Paths_follow_the_group_version_namespace_and_subresource(Type type, string? ns, string? name, string? sub, string expected)
        => Assert.Equal(expected, ResourcePath.For(EntityMetadata.For(type), ns, name, sub));

    [Fact]
    public void Query_parameters_are_escaped_and_null_ones_skipped()
        => Assert.Equal(
            "/api/v1/pods?labelSelector=app%3Dweb%2Ctier%21%3Ddb&continue=abc%2B%2F",
            ResourcePath.WithQuery("/api/v1/pods", ("labelSelector", "app=web,tier!=db"), ("limit", null), ("continue", "abc+/")));

    [Fact]
    public void Names_are_escaped()
        => Assert.Equal("/api/v1/namespaces/a%20b/pods/x%2Fy", ResourcePath.For(EntityMetadata.For<V1Pod>(), "a b", "x/y"));

    [Fact]
    public void A_type_without_the_attribute_gets_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EntityMetadata.For<V1PodSpec>());
        Assert.Contains("[KubernetesEntity]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entity_metadata_reports_scope_and_api_version()
    {
        var sts = EntityMetadata.For<V1StatefulSet>();
        Assert.Equal("apps/v1", sts.ApiVersion);
        Assert.True(sts.Namespaced);
        Assert.False(EntityMetadata.For<V1StorageClass>().Namespaced);
        Assert.Equal("v1", EntityMetadata.For<V1Pod>().ApiVersion);
    }
}
