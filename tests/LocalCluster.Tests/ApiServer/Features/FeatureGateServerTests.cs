using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Features;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.LocalCluster.Tests.Server.Support;
using Manifests = VisitCounter.LocalCluster.Tests.Workloads.Support.Manifests;

namespace VisitCounter.LocalCluster.Tests.Server.Features;

/// <summary>The server drops <c>maxUnavailable</c> as a real 1.32 server does, keeps it on 1.35, and obeys overrides.</summary>
public sealed class FeatureGateServerTests
{
    private const string StatefulSets = "/apis/apps/v1/namespaces/default/statefulsets";

    private static JsonObject WebWithMaxUnavailable(int maxUnavailable = 2) => Manifests.StatefulSet("web", 3, updateStrategy: new JsonObject
    {
        ["type"] = "RollingUpdate",
        ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = maxUnavailable },
    });

    private static JsonNode? MaxUnavailableOf(JsonObject statefulSet) => statefulSet["spec"]!["updateStrategy"]!["rollingUpdate"]?["maxUnavailable"];

    private static Func<LocalApiServerOptions, LocalApiServerOptions> Version(string minor, Dictionary<string, bool>? gates = null) =>
        o => o with { ReportedMinorVersion = minor, FeatureGates = gates ?? [] };

    [Theory]
    [InlineData("32", null, false)]
    [InlineData("35", null, true)]
    [InlineData("32", true, true)]
    [InlineData("35", false, false)]
    public async Task Create_keeps_maxUnavailable_only_when_the_gate_is_on(string minor, bool? explicitGate, bool kept)
    {
        var gates = explicitGate is null ? null : new Dictionary<string, bool> { [FeatureGates.MaxUnavailableStatefulSet] = explicitGate.Value };
        await using var cluster = await TestCluster.StartAsync(Version(minor, gates));

        var (status, created, _) = await cluster.SendAsync(HttpMethod.Post, StatefulSets, WebWithMaxUnavailable());

        Assert.Equal(201, status);
        Assert.Equal(kept, MaxUnavailableOf(created) is not null);
        Assert.Equal(kept, MaxUnavailableOf(await cluster.GetJsonAsync($"{StatefulSets}/web")) is not null);
        Assert.Equal(0, created["spec"]!["updateStrategy"]!["rollingUpdate"]!["partition"]!.GetValue<int>());
    }

    [Fact]
    public async Task On_1_32_a_patch_that_only_adds_maxUnavailable_is_dropped_and_is_no_spec_change()
    {
        await using var cluster = await TestCluster.StartAsync(Version("32"));
        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Post, StatefulSets, Manifests.StatefulSet("web", 3))).Status);
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject { ["updateStrategy"] = new JsonObject { ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 2 } } },
        };

        var (status, patched, _) = await cluster.SendAsync(HttpMethod.Patch, $"{StatefulSets}/web", patch, "application/merge-patch+json");
        var (_, repeated, _) = await cluster.SendAsync(HttpMethod.Patch, $"{StatefulSets}/web", patch, "application/merge-patch+json");

        Assert.Equal(200, status);
        Assert.Null(MaxUnavailableOf(patched));
        Assert.Equal(1, patched["metadata"]!["generation"]!.GetValue<long>());
        // The first patch records the patcher in managedFields (the field manager runs before the strategy drops the
        // field, as in kube-apiserver); the same patch again changes nothing at all.
        Assert.Equal(patched["metadata"]!["resourceVersion"]!.GetValue<string>(), repeated["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task On_1_32_a_repeated_apply_with_maxUnavailable_is_a_no_op()
    {
        await using var cluster = await TestCluster.StartAsync(Version("32"));
        var path = $"{StatefulSets}/web?fieldManager=visitcounter-operator&force=true";

        var (first, applied, _) = await cluster.SendAsync(HttpMethod.Patch, path, WebWithMaxUnavailable(), "application/apply-patch+yaml");
        var (second, again, _) = await cluster.SendAsync(HttpMethod.Patch, path, WebWithMaxUnavailable(), "application/apply-patch+yaml");

        Assert.Equal((201, 200), (first, second));
        Assert.Null(MaxUnavailableOf(applied));
        Assert.Null(MaxUnavailableOf(again));
        Assert.Equal(applied["metadata"]!["resourceVersion"]!.GetValue<string>(), again["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(1, again["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task With_the_gate_turned_off_an_update_keeps_maxUnavailable_the_stored_object_already_uses()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("local-cluster-").FullName;
        try
        {
            await using (var on = await TestCluster.StartAsync(Version("35"), dataDirectory))
            {
                Assert.Equal(201, (await on.SendAsync(HttpMethod.Post, StatefulSets, WebWithMaxUnavailable(2))).Status);
            }
            await using var off = await TestCluster.StartAsync(Version("32"), dataDirectory);

            var (status, patched, _) = await off.SendAsync(HttpMethod.Patch, $"{StatefulSets}/web",
                new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 4, ["updateStrategy"] = new JsonObject { ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 3 } } } },
                "application/merge-patch+json");

            Assert.Equal(200, status);
            Assert.Equal(3, MaxUnavailableOf(patched)!.GetValue<int>());
            Assert.Equal(4, patched["spec"]!["replicas"]!.GetValue<int>());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_server_with_an_unknown_gate_does_not_start()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => TestCluster.StartAsync(Version("32", new Dictionary<string, bool> { ["Typo"] = true })));

        Assert.Contains("unrecognized feature gate: Typo", error.Message, StringComparison.Ordinal);
    }
}
