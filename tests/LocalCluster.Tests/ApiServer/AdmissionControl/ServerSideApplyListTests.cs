using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Server.Support;
using Manifests = VisitCounter.LocalCluster.Tests.Workloads.Support.Manifests;

namespace VisitCounter.LocalCluster.Tests.Server.AdmissionControl;

/// <summary>
/// Server-side apply as controllers rely on it: an identical apply is no write at all, and a changed apply merges
/// lists by their keys (containers and env by name, ports by containerPort/protocol, imagePullSecrets by name), so
/// what other managers added stays.
/// </summary>
public sealed class ServerSideApplyListTests
{
    private const string StatefulSets = "/apis/apps/v1/namespaces/default/statefulsets";
    private const string Apply = "application/apply-patch+yaml";

    private static string ApplyAs(string name, string manager) => $"{StatefulSets}/{name}?fieldManager={manager}&force=true";

    private static JsonObject Desired(string name = "web", string visitsFile = "/data/visits")
    {
        var statefulSet = Manifests.StatefulSet(name, 2);
        var container = statefulSet["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["ports"]![0]!["protocol"] = "TCP";
        container["env"]![2]!["value"] = visitsFile;
        statefulSet["spec"]!["template"]!["spec"]!["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "operator-secret" });
        return statefulSet;
    }

    /// <summary>What a sidecar injector applying its own partial configuration adds.</summary>
    private static JsonObject OtherManagersItems() => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "StatefulSet",
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(
                        new JsonObject
                        {
                            ["name"] = "counter",
                            ["env"] = new JsonArray(new JsonObject { ["name"] = "TRACE", ["value"] = "1" }),
                            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 9090, ["protocol"] = "TCP", ["name"] = "metrics" }),
                        },
                        new JsonObject { ["name"] = "sidecar", ["image"] = "example.com/proxy:1" }),
                    ["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "injector-secret" }),
                },
            },
        },
    };

    private static IEnumerable<string> Names(JsonNode? list, string key = "name") => list!.AsArray().Select(i => i![key]!.ToString());

    [Fact]
    public async Task An_identical_apply_keeps_the_resource_version_and_sends_no_watch_event()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (_, applied, _) = await cluster.SendAsync(HttpMethod.Patch, ApplyAs("web", "visitcounter-operator"), Desired(), Apply);
        var version = applied["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{StatefulSets}?watch=1&resourceVersion={version}");

        var (status, again, _) = await cluster.SendAsync(HttpMethod.Patch, ApplyAs("web", "visitcounter-operator"), Desired(), Apply);
        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Patch, ApplyAs("marker", "visitcounter-operator"), Desired("marker"), Apply)).Status);

        Assert.Equal(200, status);
        Assert.Equal(version, again["metadata"]!["resourceVersion"]!.GetValue<string>());
        var next = await watch.NextAsync();
        Assert.Equal(("ADDED", "marker"), (next!["type"]!.GetValue<string>(), next["object"]!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_changed_apply_keeps_list_items_other_managers_added_by_their_keys()
    {
        await using var cluster = await TestCluster.StartAsync();
        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Patch, ApplyAs("web", "visitcounter-operator"), Desired(), Apply)).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Patch, ApplyAs("web", "sidecar-injector"), OtherManagersItems(), Apply)).Status);

        var (status, changed, _) = await cluster.SendAsync(HttpMethod.Patch, ApplyAs("web", "visitcounter-operator"), Desired(visitsFile: "/data/v2"), Apply);

        Assert.Equal(200, status);
        var spec = changed["spec"]!["template"]!["spec"]!;
        Assert.Equal(["counter", "sidecar"], Names(spec["containers"]));
        var counter = spec["containers"]![0]!;
        Assert.Equal(["POD_NAME", "PORT", "VISITS_FILE", "TRACE"], Names(counter["env"]));
        Assert.Equal("/data/v2", counter["env"]![2]!["value"]!.GetValue<string>());
        Assert.Equal(["8080", "9090"], Names(counter["ports"], "containerPort"));
        Assert.Equal(["operator-secret", "injector-secret"], Names(spec["imagePullSecrets"]));
    }

    [Fact]
    public async Task An_apply_that_stops_setting_an_item_removes_only_that_managers_item()
    {
        await using var cluster = await TestCluster.StartAsync();
        var desired = Desired();
        desired["spec"]!["template"]!["spec"]!["imagePullSecrets"]!.AsArray().Add(new JsonObject { ["name"] = "old-secret" });
        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Patch, ApplyAs("web", "visitcounter-operator"), desired, Apply)).Status);
        Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Patch, ApplyAs("web", "sidecar-injector"), OtherManagersItems(), Apply)).Status);

        var (_, changed, _) = await cluster.SendAsync(HttpMethod.Patch, ApplyAs("web", "visitcounter-operator"), Desired(), Apply);

        Assert.Equal(["operator-secret", "injector-secret"], Names(changed["spec"]!["template"]!["spec"]!["imagePullSecrets"]));
    }
}
