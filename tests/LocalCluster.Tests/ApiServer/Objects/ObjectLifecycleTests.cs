using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Objects;

/// <summary>Server-set metadata and write semantics through the in-process store (the same path as HTTP).</summary>
public sealed class ObjectLifecycleTests
{
    private static JsonObject ConfigMapLikeLease(string name) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject { ["holderIdentity"] = "a" },
    };

    [Fact]
    public async Task Create_sets_uid_timestamp_generation_and_resource_version()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var created = await cluster.Server.Store.CreateAsync(ResourceRef.Leases, ConfigMapLikeLease("l1"));

        Assert.False(string.IsNullOrEmpty(created["metadata"]!["uid"]!.GetValue<string>()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", created["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(cluster.Server.Store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            created["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Generation_is_bumped_by_spec_changes_only()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        await store.CreateAsync(ResourceRef.Leases, ConfigMapLikeLease("l1"));

        var labelled = await store.PatchAsync(ResourceRef.Leases, "default", "l1", PatchType.Merge,
            JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}}}""")!);
        Assert.Equal(1, labelled["metadata"]!["generation"]!.GetValue<long>());

        var respec = await store.PatchAsync(ResourceRef.Leases, "default", "l1", PatchType.Merge,
            JsonNode.Parse("""{"spec":{"holderIdentity":"b"}}""")!);
        Assert.Equal(2, respec["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_409_conflict()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        var created = await store.CreateAsync(ResourceRef.Leases, ConfigMapLikeLease("l1"));
        var first = (JsonObject)created.DeepClone();
        first["spec"]!["holderIdentity"] = "first";
        await store.UpdateAsync(ResourceRef.Leases, first);

        var stale = (JsonObject)created.DeepClone();
        stale["spec"]!["holderIdentity"] = "second";
        var error = await Assert.ThrowsAsync<ApiException>(() => store.UpdateAsync(ResourceRef.Leases, stale));

        Assert.Equal(409, error.Code);
        Assert.Equal("Conflict", error.Reason);
        Assert.Equal("Operation cannot be fulfilled on leases.coordination.k8s.io \"l1\": the object has been modified; please apply your changes to the latest version and try again", error.Message);
    }
}
