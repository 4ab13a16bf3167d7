using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;

namespace VisitCounter.LocalCluster.Tests.Server.Objects;

/// <summary>Finalizers, propagation policies, preconditions and graceful pod deletion.</summary>
public sealed class DeletionTests
{
    private static JsonObject Lease(string name, params string[] finalizers)
    {
        var lease = new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["holderIdentity"] = "x" },
        };
        if (finalizers.Length > 0) lease["metadata"]!["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
        return lease;
    }

    [Fact]
    public async Task An_object_with_finalizers_stays_until_the_last_one_is_removed()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        await store.CreateAsync(ResourceRef.Leases, Lease("f", "example.com/a", "example.com/b"));

        var deleting = await store.DeleteAsync(ResourceRef.Leases, "default", "f");
        Assert.NotNull(deleting!["metadata"]!["deletionTimestamp"]);
        Assert.Equal(0, deleting["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<int>());

        await store.PatchAsync(ResourceRef.Leases, "default", "f", PatchType.Json,
            JsonNode.Parse("""[{"op":"remove","path":"/metadata/finalizers/0"}]""")!);
        Assert.NotNull(store.Get(ResourceRef.Leases, "default", "f"));

        var error = await Assert.ThrowsAsync<ApiException>(() => store.PatchAsync(ResourceRef.Leases, "default", "f", PatchType.Merge,
            JsonNode.Parse("""{"metadata":{"finalizers":["example.com/b","example.com/new"]}}""")!));
        Assert.Equal(422, error.Code);

        await store.PatchAsync(ResourceRef.Leases, "default", "f", PatchType.Merge, JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);
        Assert.Null(store.Get(ResourceRef.Leases, "default", "f"));
    }

    [Theory]
    [InlineData(PropagationPolicy.Orphan, "orphan")]
    [InlineData(PropagationPolicy.Foreground, "foregroundDeletion")]
    public async Task Orphan_and_foreground_deletion_add_their_finalizer(PropagationPolicy policy, string finalizer)
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        await cluster.Server.Store.CreateAsync(ResourceRef.Leases, Lease("p"));

        var deleting = await cluster.Server.Store.DeleteAsync(ResourceRef.Leases, "default", "p", new DeleteOptions(PropagationPolicy: policy));

        Assert.Equal([finalizer], deleting!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.NotNull(deleting["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task A_uid_precondition_that_does_not_match_is_409()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        await cluster.Server.Store.CreateAsync(ResourceRef.Leases, Lease("u"));

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            cluster.Server.Store.DeleteAsync(ResourceRef.Leases, "default", "u", new DeleteOptions(PreconditionUid: "other")));

        Assert.Equal(409, error.Code);
        Assert.Contains("Precondition failed: UID in precondition: other", error.Message);
        Assert.NotNull(cluster.Server.Store.Get(ResourceRef.Leases, "default", "u"));
    }

    [Fact]
    public async Task A_pod_bound_to_a_node_is_deleted_gracefully_and_finished_with_grace_zero()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        await store.CreateAsync(ResourceRef.Pods, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["nodeName"] = "local",
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "counter:1" }),
            },
        });

        var terminating = await store.DeleteAsync(ResourceRef.Pods, "default", "p");
        Assert.Equal(30, terminating!["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<int>());

        Assert.Null(await store.DeleteAsync(ResourceRef.Pods, "default", "p", new DeleteOptions(GracePeriodSeconds: 0)));
        Assert.Null(store.Get(ResourceRef.Pods, "default", "p"));
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_content_then_the_namespace()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        var store = cluster.Server.Store;
        await store.CreateAsync(ResourceRef.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "team-b" } });
        var lease = Lease("in-b");
        lease["metadata"]!["namespace"] = "team-b";
        await store.CreateAsync(ResourceRef.Leases, lease);

        await store.DeleteAsync(ResourceRef.Namespaces, null, "team-b");

        Assert.Null(store.Get(ResourceRef.Leases, "team-b", "in-b"));
        Assert.Null(store.Get(ResourceRef.Namespaces, null, "team-b"));
    }
}
