using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Tests.Workloads.StatefulSets;

/// <summary>The StatefulSet controller with the kubelet, provisioner and garbage collector running real pods.</summary>
public sealed class StatefulSetControllerTests
{
    private static int? ReadyReplicas(JsonObject? set) => JsonNumber.AsInt32(set?["status"]?["readyReplicas"]);

    [Fact]
    public async Task OrderedReady_set_starts_pods_in_order_with_bound_claims_and_reports_status()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("web", 2));

        var set = (await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "web", s => ReadyReplicas(s) == 2, "2 ready replicas"))!;

        var status = set["status"]!;
        Assert.Equal(2, JsonNumber.AsInt32(status["replicas"]));
        Assert.Equal(2, JsonNumber.AsInt32(status["updatedReplicas"]));
        Assert.Equal(2, JsonNumber.AsInt32(status["availableReplicas"]));
        Assert.Equal(set.Generation(), JsonNumber.AsInt64(status["observedGeneration"]));
        Assert.Equal(status["currentRevision"]!.GetValue<string>(), status["updateRevision"]!.GetValue<string>());

        var web0 = cluster.Store.Get(ResourceRef.Pods, "default", "web-0")!;
        var web1 = cluster.Store.Get(ResourceRef.Pods, "default", "web-1")!;
        var web0ReadyAt = ObjectMeta.Timestamp(web0["status"]!["conditions"]!.AsArray().First(c => c!["type"]!.GetValue<string>() == "Ready")!["lastTransitionTime"]);
        var web1CreatedAt = ObjectMeta.Timestamp(web1.Metadata()["creationTimestamp"]);
        Assert.True(web1CreatedAt >= web0ReadyAt, $"web-1 was created at {web1CreatedAt}, before web-0 was ready at {web0ReadyAt}");
        Assert.Equal(status["updateRevision"]!.GetValue<string>(), web1.Labels()["controller-revision-hash"]);
        foreach (var claim in new[] { "data-web-0", "data-web-1" })
        {
            var pvc = cluster.Store.Get(ResourceRef.PersistentVolumeClaims, "default", claim)!;
            Assert.Equal("Bound", pvc["status"]!["phase"]!.GetValue<string>());
            Assert.Equal("pv-" + pvc.Uid(), pvc["spec"]!["volumeName"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Scale_down_removes_the_highest_ordinal_first_and_whenScaled_Delete_removes_its_claim()
    {
        await using var cluster = await TestCluster.StartAsync();
        var retention = new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Delete" };
        await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("sd", 3, policy: "Parallel", retention: retention));
        await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "sd", s => ReadyReplicas(s) == 3, "3 ready replicas");

        var set = cluster.Store.Get(ResourceRef.StatefulSets, "default", "sd")!;
        set["spec"]!["replicas"] = 2;
        await cluster.Store.UpdateAsync(ResourceRef.StatefulSets, set);

        await cluster.WaitForAsync(ResourceRef.Pods, "default", "sd-2", p => p is null, "sd-2 to be removed");
        await cluster.WaitForAsync(ResourceRef.PersistentVolumeClaims, "default", "data-sd-2", c => c is null, "data-sd-2 to be deleted (whenScaled: Delete)");
        Assert.NotNull(cluster.Store.Get(ResourceRef.Pods, "default", "sd-1"));
        Assert.NotNull(cluster.Store.Get(ResourceRef.PersistentVolumeClaims, "default", "data-sd-1"));
        await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "sd", s => JsonNumber.AsInt32(s?["status"]?["replicas"]) == 2, "status.replicas 2");
    }

    [Fact]
    public async Task Rolling_update_with_a_partition_updates_only_the_ordinals_at_or_above_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        var strategy = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 1 } };
        await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("ru", 2, policy: "Parallel", updateStrategy: strategy));
        var before = (await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "ru", s => ReadyReplicas(s) == 2, "2 ready replicas"))!;
        var oldRevision = before["status"]!["currentRevision"]!.GetValue<string>();

        before["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "visitcounter/counter-app:0.1.1";
        await cluster.Store.UpdateAsync(ResourceRef.StatefulSets, before);

        var after = (await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "ru",
            s => JsonNumber.AsInt32(s?["status"]?["updatedReplicas"]) == 1 && ReadyReplicas(s) == 2, "ru-1 updated and ready"))!;
        var newRevision = after["status"]!["updateRevision"]!.GetValue<string>();
        Assert.NotEqual(oldRevision, newRevision);
        Assert.Equal(oldRevision, after["status"]!["currentRevision"]!.GetValue<string>());
        var ru0 = cluster.Store.Get(ResourceRef.Pods, "default", "ru-0")!;
        var ru1 = cluster.Store.Get(ResourceRef.Pods, "default", "ru-1")!;
        Assert.Equal(oldRevision, ru0.Labels()["controller-revision-hash"]);
        Assert.Equal("visitcounter/counter-app:0.1.0", ru0["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(newRevision, ru1.Labels()["controller-revision-hash"]);
        Assert.Equal("visitcounter/counter-app:0.1.1", ru1["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Set_recreated_after_orphan_deletion_adopts_the_running_pods_without_restarting_them()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("or", 1));
        await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "or", s => ReadyReplicas(s) == 1, "1 ready replica");
        var podUid = cluster.Store.Get(ResourceRef.Pods, "default", "or-0")!.Uid();

        await cluster.Store.DeleteAsync(ResourceRef.StatefulSets, "default", "or", new DeleteOptions(PropagationPolicy.Orphan));
        await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "or", s => s is null, "the orphaning delete to finish");
        var orphan = await cluster.WaitForAsync(ResourceRef.Pods, "default", "or-0", p => p?.OwnerReferences().Count == 0, "or-0 to be orphaned");
        var recreated = await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("or", 1));

        var adopted = (await cluster.WaitForAsync(ResourceRef.Pods, "default", "or-0",
            p => p?.ControllerOf()?.Uid == recreated.Uid(), "or-0 to be adopted"))!;
        Assert.Equal(podUid, adopted.Uid());
        Assert.Equal(podUid, orphan!.Uid());
        await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "or", s => ReadyReplicas(s) == 1, "the new set to count the adopted pod");
    }

    [Fact]
    public async Task Deleting_the_set_removes_its_claims_only_when_whenDeleted_is_Delete()
    {
        await using var cluster = await TestCluster.StartAsync();
        var delete = new JsonObject { ["whenDeleted"] = "Delete", ["whenScaled"] = "Retain" };
        await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("keep", 1, image: "example/none:1"));
        await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("drop", 1, image: "example/none:1", retention: delete));
        await cluster.WaitForAsync(ResourceRef.PersistentVolumeClaims, "default", "data-keep-0", c => c is not null, "data-keep-0");
        var dropClaim = await cluster.WaitForAsync(ResourceRef.PersistentVolumeClaims, "default", "data-drop-0", c => c is not null, "data-drop-0");
        Assert.Equal("StatefulSet", Assert.Single(dropClaim!.OwnerReferences()).Kind);

        await cluster.Store.DeleteAsync(ResourceRef.StatefulSets, "default", "keep");
        await cluster.Store.DeleteAsync(ResourceRef.StatefulSets, "default", "drop");

        await cluster.WaitForAsync(ResourceRef.PersistentVolumeClaims, "default", "data-drop-0", c => c is null, "data-drop-0 to be collected");
        await cluster.WaitForAsync(ResourceRef.Pods, "default", "keep-0", p => p is null, "keep-0 to be collected");
        Assert.NotNull(cluster.Store.Get(ResourceRef.PersistentVolumeClaims, "default", "data-keep-0"));
    }
}
