using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.LocalCluster.Workloads.GarbageCollection;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Tests.Workloads.GarbageCollection;

/// <summary>The garbage collector alone (no other controller) against the API server's store.</summary>
public sealed class GarbageCollectorTests
{
    private static async Task<(TestCluster Cluster, CancellationTokenSource Stop, Task Running)> StartAsync()
    {
        var cluster = await TestCluster.StartAsync(workloads: false);
        var collector = new GarbageCollector(new WorkloadContext(cluster.Store, cluster.DataDirectory, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        var stop = new CancellationTokenSource();
        return (cluster, stop, collector.RunAsync(stop.Token));
    }

    private static async Task<(JsonObject Owner, JsonObject Pod, JsonObject Service)> CreateFamilyAsync(TestCluster cluster)
    {
        var owner = await cluster.Store.CreateAsync(ResourceRef.StatefulSets, Manifests.StatefulSet("owner", 0));
        var reference = OwnerReference.To(owner, controller: true, blockOwnerDeletion: true).ToJson();
        var pod = Manifests.Pod("owned-0", Manifests.CounterContainer(image: "example/none:1"));
        pod.Metadata()["ownerReferences"] = new JsonArray(reference.DeepClone());
        var service = Manifests.Service("owned", "ClusterIP", "owner");
        service.Metadata()["ownerReferences"] = new JsonArray(reference.DeepClone());
        return (owner, await cluster.Store.CreateAsync(ResourceRef.Pods, pod), await cluster.Store.CreateAsync(ResourceRef.Services, service));
    }

    [Fact]
    public async Task Background_deletion_removes_the_dependents_after_the_owner()
    {
        var (cluster, stop, running) = await StartAsync();
        await using (cluster)
        {
            await CreateFamilyAsync(cluster);

            await cluster.Store.DeleteAsync(ResourceRef.StatefulSets, "default", "owner", new DeleteOptions(PropagationPolicy.Background));

            await cluster.WaitForAsync(ResourceRef.Pods, "default", "owned-0", p => p is null, "the owned pod to be collected");
            await cluster.WaitForAsync(ResourceRef.Services, "default", "owned", s => s is null, "the owned service to be collected");
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact]
    public async Task Orphan_deletion_keeps_the_dependents_without_the_owner_reference()
    {
        var (cluster, stop, running) = await StartAsync();
        await using (cluster)
        {
            var (_, pod, _) = await CreateFamilyAsync(cluster);

            await cluster.Store.DeleteAsync(ResourceRef.StatefulSets, "default", "owner", new DeleteOptions(PropagationPolicy.Orphan));

            await cluster.WaitForAsync(ResourceRef.StatefulSets, "default", "owner", s => s is null, "the owner to go once orphaning is done");
            var kept = cluster.Store.Get(ResourceRef.Pods, "default", "owned-0");
            Assert.NotNull(kept);
            Assert.Equal(pod.Uid(), kept.Uid());
            Assert.Empty(kept.OwnerReferences());
            Assert.Empty(cluster.Store.Get(ResourceRef.Services, "default", "owned")!.OwnerReferences());
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact]
    public async Task Foreground_deletion_removes_the_dependents_before_the_owner()
    {
        var (cluster, stop, running) = await StartAsync();
        await using (cluster)
        {
            await CreateFamilyAsync(cluster);
            var seenOwnerWithoutDependents = false;
            using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var from = cluster.Store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var ownerEvents = Task.Run(async () =>
            {
                await foreach (var change in cluster.Store.WatchAsync(ResourceRef.StatefulSets, "default", from, watching.Token))
                {
                    if (change.Type == ApiServer.Storage.WatchEventType.Deleted)
                    {
                        // When the owner goes, its dependents must already be gone.
                        seenOwnerWithoutDependents = cluster.Store.Get(ResourceRef.Pods, "default", "owned-0") is null
                                                     && cluster.Store.Get(ResourceRef.Services, "default", "owned") is null;
                        return;
                    }
                }
            });

            var deleting = await cluster.Store.DeleteAsync(ResourceRef.StatefulSets, "default", "owner", new DeleteOptions(PropagationPolicy.Foreground));

            Assert.Contains("foregroundDeletion", deleting!.Finalizers());
            await ownerEvents;
            Assert.True(seenOwnerWithoutDependents);
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact]
    public async Task Dependent_created_with_a_live_owner_is_never_collected()
    {
        var (cluster, stop, running) = await StartAsync();
        await using (cluster)
        {
            await CreateFamilyAsync(cluster);
            await Task.Delay(500);   // give the collector passes to (wrongly) act on

            Assert.NotNull(cluster.Store.Get(ResourceRef.Pods, "default", "owned-0"));
            Assert.NotNull(cluster.Store.Get(ResourceRef.Services, "default", "owned"));
            await stop.CancelAsync();
            await running;
        }
    }
}
