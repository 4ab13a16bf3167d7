using VisitCounter.LocalCluster.Workloads.Kubelet;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("visitcounter/counter-app:0.1.0", "visitcounter/counter-app")]
    [InlineData("visitcounter/counter-app", "visitcounter/counter-app")]
    [InlineData("docker.io/visitcounter/counter-app:0.1.1", "visitcounter/counter-app")]
    [InlineData("visitcounter/counter-app@sha256:abcd", "visitcounter/counter-app")]
    [InlineData("localhost:5000/visitcounter/counter-app:1", "localhost:5000/visitcounter/counter-app")]
    [InlineData("docker.io/library/nginx:1.27", "nginx")]
    public void Repository_drops_tag_digest_and_docker_hub_prefixes(string image, string repository)
    {
        Assert.Equal(repository, ImageReference.Repository(image));
    }

    [Fact]
    public void Any_tag_of_a_configured_repository_resolves_and_other_images_do_not()
    {
        var local = new LocalImage("dotnet", ["counter-app.dll"]);
        var resolver = new LocalImageResolver(new Dictionary<string, LocalImage> { ["visitcounter/counter-app"] = local });

        Assert.Same(local, resolver.Resolve("visitcounter/counter-app:0.1.1"));
        Assert.Null(resolver.Resolve("nginx:1.27"));
        Assert.Contains("visitcounter/counter-app", resolver.UnsupportedMessage("nginx:1.27"), StringComparison.Ordinal);
    }
}
