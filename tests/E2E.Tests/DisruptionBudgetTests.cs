using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests;

/// <summary>spec.disruptionBudget: the operator's PodDisruptionBudget and local's eviction subresource, as kubectl drain uses them.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DisruptionBudgetTests(LocalClusterFixture cluster)
{
    private async Task<Kubectl.Result> EvictAsync(string ns, string pod)
    {
        var file = Path.Combine(Path.GetTempPath(), $"eviction-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":""" + "\"" + pod + "\",\"namespace\":\"" + ns + "\"}}");
        try
        {
            return await cluster.Kubectl.TryRunAsync("create", "--raw", $"/api/v1/namespaces/{ns}/pods/{pod}/eviction", "-f", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private Task BudgetAllowsAsync(string ns, long disruptions) =>
        Eventually.True($"the budget allows {disruptions} disruption(s)", async () =>
        {
            var budget = await cluster.Kubectl.TryGetJsonAsync("get", "pdb", "app", "-n", ns);
            return budget.Long("status.disruptionsAllowed") == disruptions && budget.Long("status.currentHealthy") == 3
                && budget.Long("status.desiredHealthy") == 2 && budget.Long("status.expectedPods") == 3;
        }, describe: () => cluster.DescribeAsync(ns));

    [Fact]
    public async Task MaxUnavailable_1_refuses_a_second_eviction_with_429_and_is_restored_after_a_hand_deletion()
    {
        var ns = await cluster.NewNamespaceAsync("pdb");
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 3, $"podManagementPolicy: Parallel\nimage: {Manifests.Image}\ndisruptionBudget:\n  maxUnavailable: 1\n"));
        await cluster.WaitForReadyAsync(ns, "app", 3);
        await BudgetAllowsAsync(ns, 1);
        var budget = await cluster.Kubectl.GetJsonAsync("get", "pdb", "app", "-n", ns);
        Assert.Equal("VisitCounterApp", budget["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>());

        // Both evictions at once, as a drain of a node holding two of the pods would send them: one pod may go, not two.
        var results = await Task.WhenAll(EvictAsync(ns, "app-0"), EvictAsync(ns, "app-1"));

        var evicted = Assert.Single(results, r => r.ExitCode == 0);
        var refused = Assert.Single(results, r => r.ExitCode != 0);
        Assert.Contains("\"status\":\"Success\"", evicted.Stdout, StringComparison.Ordinal);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", refused.Stderr, StringComparison.Ordinal);

        // The evicted pod comes back (same name, same volume) and the budget allows one disruption again.
        await cluster.WaitForReadyAsync(ns, "app", 3);
        await BudgetAllowsAsync(ns, 1);

        // A hand deletion is not an eviction: the pod goes, the StatefulSet brings it back, the budget recovers.
        // -v=6: should the wait for the deletion ever hang, the failure shows each request kubectl made.
        await cluster.Kubectl.RunAsync("delete", "pod", "app-1", "-n", ns, "-v=6");
        await cluster.WaitForReadyAsync(ns, "app", 3);
        await BudgetAllowsAsync(ns, 1);
    }

    [Fact]
    public async Task Removing_spec_disruptionBudget_removes_the_budget()
    {
        var ns = await cluster.NewNamespaceAsync("pdb-off");
        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 1, $"image: {Manifests.Image}\ndisruptionBudget:\n  minAvailable: 1\n"));
        await Eventually.True("the budget exists", async () => await cluster.Kubectl.TryGetJsonAsync("get", "pdb", "app", "-n", ns) is not null);

        await cluster.Kubectl.ApplyAsync(Manifests.App("app", ns, 1, $"image: {Manifests.Image}\n"));

        await Eventually.True("the budget is gone", async () => await cluster.Kubectl.TryGetJsonAsync("get", "pdb", "app", "-n", ns) is null,
            describe: () => cluster.DescribeAsync(ns));
    }

    [Fact]
    public async Task Kubectl_explain_documents_both_new_fields()
    {
        var recovery = await cluster.Kubectl.RunAsync("explain", "vca.spec.rolloutRecovery");
        var budget = await cluster.Kubectl.RunAsync("explain", "vca.spec.disruptionBudget");

        Assert.Contains("stuckAfterSeconds", recovery, StringComparison.Ordinal);
        Assert.Contains("RolloutStuck", recovery, StringComparison.Ordinal);
        Assert.Contains("maxUnavailable", budget, StringComparison.Ordinal);
        Assert.Contains("minAvailable", budget, StringComparison.Ordinal);
        Assert.Contains("PodDisruptionBudget", budget, StringComparison.Ordinal);
    }
}
