using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.Server.Kubectl;

/// <summary>
/// policy/v1 PodDisruptionBudgets and the pods' eviction subresource, driven by the real kubectl (the POST that
/// <c>kubectl drain</c> sends for each pod). The budget's status is written here by hand, as the disruption
/// controller would, so that each test pins one decision of the eviction handler.
/// </summary>
public sealed class KubectlEvictionTests : IAsyncLifetime
{
    private TestCluster cluster = null!;
    private string directory = null!;

    public async Task InitializeAsync()
    {
        cluster = await TestCluster.StartAsync();
        directory = Directory.CreateTempSubdirectory("eviction-").FullName;
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private async Task ApplyAsync(string yaml)
    {
        var file = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, yaml);
        await cluster.Kubectl.SucceedAsync("apply", "-f", file);
    }

    /// <summary>A running, ready pod labelled app=web.</summary>
    private async Task RunningPodAsync(string name)
    {
        await ApplyAsync($"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
              labels:
                app: web
            spec:
              containers:
              - name: app
                image: visitcounter/counter-app:0.1.0
            """);
        var pod = cluster.Server.Store.Get(ResourceRef.Pods, "default", name)!;
        pod["status"] = JsonNode.Parse("""{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}""");
        await cluster.Server.Store.UpdateStatusAsync(ResourceRef.Pods, pod);
    }

    private async Task BudgetAsync(int disruptionsAllowed, int currentHealthy = 3, int desiredHealthy = 2)
    {
        await ApplyAsync("""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: web}}
            """);
        var budget = cluster.Server.Store.Get(ResourceRef.PodDisruptionBudgets, "default", "web")!;
        budget["status"] = new JsonObject
        {
            ["observedGeneration"] = budget["metadata"]!["generation"]!.GetValue<long>(),
            ["disruptionsAllowed"] = disruptionsAllowed,
            ["currentHealthy"] = currentHealthy,
            ["desiredHealthy"] = desiredHealthy,
            ["expectedPods"] = 3,
        };
        await cluster.Server.Store.UpdateStatusAsync(ResourceRef.PodDisruptionBudgets, budget);
    }

    private async Task<ProcessResult> EvictAsync(string pod)
    {
        var file = Path.Combine(directory, pod + "-eviction.json");
        await File.WriteAllTextAsync(file, """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":""" + "\"" + pod + "\",\"namespace\":\"default\"}}");
        return await cluster.Kubectl.RunAsync("create", "--raw", $"/api/v1/namespaces/default/pods/{pod}/eviction", "-f", file);
    }

    [Fact]
    public async Task Budgets_are_discovered_and_listed_with_kubectl_columns()
    {
        await BudgetAsync(disruptionsAllowed: 1);

        var resources = await cluster.Kubectl.SucceedAsync("api-resources", "--api-group=policy");
        var table = await cluster.Kubectl.SucceedAsync("get", "pdb");

        Assert.Matches(@"poddisruptionbudgets\s+pdb\s+policy/v1\s+true\s+PodDisruptionBudget", resources);
        Assert.Matches(@"NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE", table);
        Assert.Matches(@"web\s+N/A\s+1\s+1\s+\d+s", table);
    }

    [Fact]
    public async Task Eviction_is_refused_with_429_and_a_DisruptionBudget_cause_when_no_disruption_is_allowed()
    {
        await RunningPodAsync("web-1");
        await BudgetAsync(disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2);

        var result = await EvictAsync("web-1");
        var (status, body, _) = await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods/web-1/eviction",
            JsonNode.Parse("""{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web-1"}}"""));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(429, status);
        Assert.Equal("TooManyRequests", body["reason"]!.GetValue<string>());
        var cause = body["details"]!["causes"]![0]!;
        Assert.Equal("DisruptionBudget", cause["reason"]!.GetValue<string>());
        Assert.Equal("The disruption budget web needs 2 healthy pods and has 2 currently", cause["message"]!.GetValue<string>());
        Assert.NotNull(cluster.Server.Store.Get(ResourceRef.Pods, "default", "web-1"));
    }

    [Fact]
    public async Task Eviction_allowed_by_the_budget_spends_the_disruption_and_deletes_the_pod()
    {
        await RunningPodAsync("web-2");
        await BudgetAsync(disruptionsAllowed: 1);

        var result = await EvictAsync("web-2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"status\":\"Success\"", result.Stdout, StringComparison.Ordinal);
        var pod = cluster.Server.Store.Get(ResourceRef.Pods, "default", "web-2");
        Assert.True(pod is null || pod["metadata"]!["deletionTimestamp"] is not null);
        var budgetStatus = cluster.Server.Store.Get(ResourceRef.PodDisruptionBudgets, "default", "web")!["status"]!;
        Assert.Equal(0, budgetStatus["disruptionsAllowed"]!.GetValue<int>());
        Assert.NotNull(budgetStatus["disruptedPods"]!["web-2"]);
    }

    [Fact]
    public async Task A_pod_no_budget_selects_is_evicted_at_once()
    {
        await RunningPodAsync("lonely");
        var pod = cluster.Server.Store.Get(ResourceRef.Pods, "default", "lonely")!;
        pod["metadata"]!["labels"] = new JsonObject { ["app"] = "other" };
        await cluster.Server.Store.UpdateAsync(ResourceRef.Pods, pod);
        await BudgetAsync(disruptionsAllowed: 0);

        var result = await EvictAsync("lonely");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task A_budget_with_both_values_is_invalid()
    {
        var file = Path.Combine(directory, "both.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: both}
            spec: {minAvailable: 1, maxUnavailable: 1, selector: {matchLabels: {app: web}}}
            """);

        var result = await cluster.Kubectl.RunAsync("apply", "-f", file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("minAvailable and maxUnavailable cannot be both set", result.Stderr, StringComparison.Ordinal);
    }
}
