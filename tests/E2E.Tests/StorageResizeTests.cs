using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests;

/// <summary>
/// Growing <c>spec.storage.size</c>: the claims are expanded and the StatefulSet (whose volumeClaimTemplates are
/// immutable) is re-created with orphan propagation, so pods and their counts are untouched.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class StorageResizeTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task GrowingStorage_ExpandsClaims_RecreatesTheStatefulSet_AndLeavesPodsAndCounts()
    {
        var ns = await cluster.NewNamespaceAsync("resize");
        const string common = "podManagementPolicy: Parallel\nstorage:\n  whenDeleted: Delete\n";
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 2, common + "  size: 1Gi\n"));
        await cluster.WaitForReadyAsync(ns, "app", 2);
        for (var i = 0; i < 3; i++)
        {
            await cluster.Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/app-0:8080/proxy/");
        }

        var stsBefore = await cluster.Kubectl.GetJsonAsync("get", "statefulset", "app", "-n", ns);
        var podsBefore = (await cluster.Kubectl.ListAsync("pods", ns)).ToDictionary(p => p.Str("metadata.name")!, ClusterAssertions.Uid);

        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 2, common + "  size: 2Gi\n"));

        await Eventually.True("the StatefulSet is re-created with a 2Gi claim template", async () =>
        {
            var sts = await cluster.Kubectl.TryGetJsonAsync("get", "statefulset", "app", "-n", ns);
            var template = sts?["spec"]?["volumeClaimTemplates"]?[0];
            return sts is not null && ClusterAssertions.Uid(sts) != ClusterAssertions.Uid(stsBefore)
                && template.Str("spec.resources.requests.storage") == "2Gi";
        }, describe: () => cluster.DescribeAsync(ns));
        await Eventually.True("both claims request 2Gi", async () =>
            (await cluster.Kubectl.ListAsync("pvc", ns)).All(p => p.Str("spec.resources.requests.storage") == "2Gi"));
        await cluster.WaitForReadyAsync(ns, "app", 2);

        var podsAfter = (await cluster.Kubectl.ListAsync("pods", ns)).ToDictionary(p => p.Str("metadata.name")!, ClusterAssertions.Uid);
        Assert.Equal(podsBefore, podsAfter);
        Assert.Equal(3, await cluster.Kubectl.PodVisitsAsync(ns, "app-0"));
        Assert.Equal(2, (await cluster.Kubectl.ListAsync("pvc", ns)).Count);

        // The re-created StatefulSet adopted the running pods: they are owned by the new one.
        var newSts = await cluster.Kubectl.GetJsonAsync("get", "statefulset", "app", "-n", ns);
        foreach (var pod in await cluster.Kubectl.ListAsync("pods", ns))
        {
            await Eventually.True($"{pod.Str("metadata.name")} is owned by the new StatefulSet", async () =>
            {
                var current = await cluster.Kubectl.GetJsonAsync("get", "pod", pod.Str("metadata.name")!, "-n", ns);
                return current["metadata"]?["ownerReferences"]?.AsArray().Any(o => o.Str("uid") == ClusterAssertions.Uid(newSts)) == true;
            }, describe: () => cluster.DescribeAsync(ns));
        }
    }
}
