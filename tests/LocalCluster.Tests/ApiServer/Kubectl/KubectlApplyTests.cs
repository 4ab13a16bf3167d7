using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Kubectl;

/// <summary>The real kubectl's apply flows (client-side and server-side) against the local API server.</summary>
public sealed class KubectlApplyTests
{
    private static string Fixture(string name) => Path.Combine(TestCluster.Fixtures, name);

    [Fact]
    public async Task Apply_creates_then_reports_unchanged_then_configured_for_crd_and_custom_resource()
    {
        await using var cluster = await TestCluster.StartAsync();
        var kubectl = cluster.Kubectl;

        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/visitcounterapps.visitcounter.io created",
            await kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml")));
        Assert.Contains("visitcounterapps.visitcounter.io unchanged", await kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml")));
        Assert.Contains("visitcounterapps.visitcounter.io configured", await kubectl.SucceedAsync("apply", "-f", Fixture("crd-changed.yaml")));

        Assert.Contains("visitcounterapp.visitcounter.io/web created", await kubectl.SucceedAsync("apply", "-f", Fixture("app.yaml")));
        Assert.Contains("visitcounterapp.visitcounter.io/web unchanged", await kubectl.SucceedAsync("apply", "-f", Fixture("app.yaml")));
        Assert.Contains("visitcounterapp.visitcounter.io/web configured", await kubectl.SucceedAsync("apply", "-f", Fixture("app-changed.yaml")));

        var app = cluster.Server.Store.Get(new("visitcounter.io", "v1alpha1", "visitcounterapps"), "default", "web")!;
        Assert.Equal(4, app["spec"]!["replicas"]!.GetValue<int>());
        Assert.Null(app["spec"]!["message"]);
        Assert.Equal("frontend", app["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Equal(2, app["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_shows_the_crd_printer_columns()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml"));
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("app.yaml"));

        var output = await cluster.Kubectl.SucceedAsync("get", "vca");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+REPLICAS\s+READY\s+VISITS\s+PHASE\s+AGE$", lines[0]);
        Assert.Matches(@"^web\s+3\s+\d+s$", lines[1]);
    }
}
