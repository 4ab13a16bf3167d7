using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Kubectl;

/// <summary>The installed kubectl is a dispatcher that runs the client matching the server's reported minor version:
/// the main flows must work with those clients too.</summary>
public sealed class KubectlVersionTests
{
    private static string Fixture(string name) => Path.Combine(TestCluster.Fixtures, name);

    [Theory]
    [InlineData("28")]
    [InlineData("30")]
    [InlineData("33")]
    public async Task Main_flows_work_with_the_client_for_the_reported_version(string minor)
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { ReportedMinorVersion = minor });
        var kubectl = cluster.Kubectl;

        Assert.Contains($"Server Version: v1.{minor}", await kubectl.SucceedAsync("version"));
        Assert.Contains("created", await kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml")));
        Assert.Contains("visitcounterapp.visitcounter.io/web created", await kubectl.SucceedAsync("apply", "-f", Fixture("app.yaml")));
        Assert.Contains("configured", await kubectl.SucceedAsync("apply", "-f", Fixture("app-changed.yaml")));
        Assert.Contains("serverside-applied", await kubectl.SucceedAsync("apply", "--server-side", "--force-conflicts", "-f", Fixture("app.yaml")));
        Assert.Matches(@"web\s+3\s", await kubectl.SucceedAsync("get", "vca"));
        Assert.Contains("scaled", await kubectl.SucceedAsync("scale", "vca/web", "--replicas=2"));
        Assert.Contains("Replicas:", await kubectl.SucceedAsync("describe", "vca", "web"));
        Assert.Contains("\"web\" deleted", await kubectl.SucceedAsync("delete", "vca", "web"));
    }
}
