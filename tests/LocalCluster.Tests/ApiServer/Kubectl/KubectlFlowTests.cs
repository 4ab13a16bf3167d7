using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Kubectl;

/// <summary>The kubectl flows our users run (get, watch, describe, scale, delete, explain) against the local API server.</summary>
public sealed class KubectlFlowTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);
    private static readonly ResourceRef Apps = new("visitcounter.io", "v1alpha1", "visitcounterapps");

    private static string Fixture(string name) => Path.Combine(TestCluster.Fixtures, name);

    private static async Task<TestCluster> WithAppAsync()
    {
        var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml"));
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("app.yaml"));
        return cluster;
    }

    [Fact]
    public async Task Apply_server_side_creates_and_then_conflicts_with_the_client_side_manager()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml"));

        Assert.Contains("visitcounterapp.visitcounter.io/web serverside-applied",
            await cluster.Kubectl.SucceedAsync("apply", "--server-side", "-f", Fixture("app.yaml")));
        var app = cluster.Server.Store.Get(Apps, "default", "web")!;
        Assert.Contains(app["metadata"]!["managedFields"]!.AsArray(), e => e!["manager"]!.GetValue<string>() == "kubectl" && e["operation"]!.GetValue<string>() == "Apply");

        await cluster.Server.Store.PatchAsync(Apps, "default", "web", PatchType.Merge, JsonNode.Parse("""{"spec":{"replicas":7}}""")!,
            new WriteOptions(FieldManager: "someone-else"));
        var conflict = await cluster.Kubectl.RunAsync("apply", "--server-side", "-f", Fixture("app.yaml"));
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"someone-else\"", conflict.Stderr);
        Assert.Contains(".spec.replicas", conflict.Stderr);

        Assert.Contains("serverside-applied", await cluster.Kubectl.SucceedAsync("apply", "--server-side", "--force-conflicts", "-f", Fixture("app.yaml")));
        Assert.Equal(3, cluster.Server.Store.Get(Apps, "default", "web")!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_as_yaml_and_json_returns_the_stored_object()
    {
        await using var cluster = await WithAppAsync();

        var yaml = await cluster.Kubectl.SucceedAsync("get", "vca", "web", "-o", "yaml");
        Assert.Contains("kind: VisitCounterApp", yaml);
        Assert.Contains("image: nginx:1.27", yaml);
        Assert.Contains("uid:", yaml);

        var json = JsonNode.Parse(await cluster.Kubectl.SucceedAsync("get", "vca", "-o", "json"))!;
        Assert.Equal("List", json["kind"]!.GetValue<string>());
        Assert.Equal("web", json["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(3, json["items"]![0]!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_watch_prints_a_later_change_and_stops_when_killed()
    {
        await using var cluster = await WithAppAsync();
        using var watch = cluster.Kubectl.Start("get", "vca", "web", "-w", "--no-headers");
        var first = await watch.StandardOutput.ReadLineAsync().WaitAsync(HangGuard);
        Assert.Matches(@"^web\s+3\s", first);

        // kubectl prints the GET before it opens the watch; a change made in between is folded into the watch's
        // initial (suppressed) ADDED. Keep changing replicas until the watch reports one.
        var nextLine = watch.StandardOutput.ReadLineAsync();
        var replicas = 6;
        while (!nextLine.IsCompleted)
        {
            await cluster.Server.Store.PatchAsync(Apps, "default", "web", PatchType.Merge, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } });
            replicas = replicas == 6 ? 7 : 6;
            await Task.WhenAny(nextLine, Task.Delay(300));
        }

        Assert.Matches(@"^web\s+[67]\s", await nextLine);
        watch.Kill(entireProcessTree: true);
        await watch.WaitForExitAsync().WaitAsync(HangGuard);
    }

    [Fact]
    public async Task Describe_shows_spec_and_the_events_of_the_object()
    {
        await using var cluster = await WithAppAsync();
        var app = cluster.Server.Store.Get(Apps, "default", "web")!;
        await cluster.Server.Store.CreateAsync(ResourceRef.Events, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "web.1", ["namespace"] = "default" },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = "visitcounter.io/v1alpha1", ["kind"] = "VisitCounterApp", ["name"] = "web",
                ["namespace"] = "default", ["uid"] = app["metadata"]!["uid"]!.GetValue<string>(),
            },
            ["reason"] = "ScaledUp",
            ["message"] = "Scaled statefulset web to 3 replicas",
            ["type"] = "Normal",
            ["count"] = 1,
            ["source"] = new JsonObject { ["component"] = "visitcounter-controller" },
            ["firstTimestamp"] = app["metadata"]!["creationTimestamp"]!.GetValue<string>(),
            ["lastTimestamp"] = app["metadata"]!["creationTimestamp"]!.GetValue<string>(),
        });

        var output = await cluster.Kubectl.SucceedAsync("describe", "vca", "web");

        Assert.Contains("Name:         web", output);
        Assert.Contains("Image:     nginx:1.27", output);
        Assert.Matches(@"Normal\s+ScaledUp\s+\S+\s+visitcounter-controller\s+Scaled statefulset web to 3 replicas", output);
    }

    [Fact]
    public async Task Scale_sets_spec_replicas_through_the_scale_subresource()
    {
        await using var cluster = await WithAppAsync();

        Assert.Contains("visitcounterapp.visitcounter.io/web scaled", await cluster.Kubectl.SucceedAsync("scale", "vca/web", "--replicas=5"));

        var app = cluster.Server.Store.Get(Apps, "default", "web")!;
        Assert.Equal(5, app["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, app["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task Delete_waits_for_finalizers_and_returns_when_the_last_one_is_removed()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml"));
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("app-fin.yaml"));

        using var delete = cluster.Kubectl.Start("delete", "vca", "fin");
        var deleting = await WaitForAsync(() => cluster.Server.Store.Get(Apps, "default", "fin") is { } o && o["metadata"]!["deletionTimestamp"] is not null);
        Assert.True(deleting, "the object never got a deletionTimestamp");
        Assert.False(delete.HasExited);

        await cluster.Server.Store.PatchAsync(Apps, "default", "fin", PatchType.Merge, JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);
        await delete.WaitForExitAsync().WaitAsync(HangGuard);

        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("visitcounterapp.visitcounter.io \"fin\" deleted", await delete.StandardOutput.ReadToEndAsync());
        Assert.Null(cluster.Server.Store.Get(Apps, "default", "fin"));
    }

    [Fact]
    public async Task Delete_of_the_crd_removes_its_resources_from_discovery()
    {
        await using var cluster = await WithAppAsync();

        await cluster.Kubectl.SucceedAsync("delete", "-f", Fixture("crd.yaml"));

        Assert.DoesNotContain("visitcounterapps", await cluster.Kubectl.SucceedAsync("api-resources"));
        Assert.Empty(cluster.Server.Store.List(ResourceRef.CustomResourceDefinitions, null));
    }

    [Fact]
    public async Task Explain_shows_the_crd_schema()
    {
        await using var cluster = await WithAppAsync();

        var output = await cluster.Kubectl.SucceedAsync("explain", "visitcounterapp.spec");

        Assert.Contains("KIND:       VisitCounterApp", output);
        Assert.Contains("Desired state of the VisitCounterApp.", output);
        Assert.Matches(@"image\s+<string> -required-", output);
    }

    [Fact]
    public async Task An_invalid_custom_resource_is_rejected_naming_the_fields()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml"));

        var result = await cluster.Kubectl.RunAsync("apply", "-f", Fixture("app-invalid.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The VisitCounterApp \"bad\" is invalid:", result.Stderr);
        Assert.Contains("* spec.image: Required value", result.Stderr);
        Assert.Contains("* spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0", result.Stderr);
    }

    [Fact]
    public async Task An_unknown_field_is_rejected_under_strict_validation()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("crd.yaml"));

        var result = await cluster.Kubectl.RunAsync("apply", "-f", Fixture("app-unknown.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("strict decoding error: unknown field \"spec.colour\"", result.Stderr);
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600; i++)
        {
            if (condition()) return true;
            await Task.Delay(50);
        }
        return false;
    }
}
