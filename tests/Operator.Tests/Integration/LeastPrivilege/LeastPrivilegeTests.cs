using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using Xunit.Abstractions;

namespace VisitCounter.Operator.Tests.Integration.LeastPrivilege;

/// <summary>
/// Least privilege, proven: with any one verb taken from the operator's roles (config/rbac), a scenario that needs it
/// makes the operator fail visibly, with the API server's 403 naming that verb and resource in its logs or in the
/// app's Degraded condition; with the full roles the same scenarios meet no 403 at all.
/// </summary>
public sealed class LeastPrivilegeTests(LeastPrivilegeFixture fixture, ITestOutputHelper output) : IClassFixture<LeastPrivilegeFixture>
{
    /// <summary>
    /// Verbs no cheap scenario reaches here. visitcounterapps/finalizers update: only the OwnerReferencesPermissionEnforcement
    /// admission plugin (off by default in kube-apiserver, on in OpenShift) asks for it, and the local server does not run it.
    /// pods get and delete: only rollout recovery uses them, after a pod has been stuck on an old revision for at least 30 s
    /// (E2E RolloutRecoveryTests runs that with the full role).
    /// </summary>
    public static readonly Permission[] NotExercised =
    [
        new("visitcounter.io", "visitcounterapps/finalizers", "update"),
        new("", "pods", "get"),
        new("", "pods", "delete"),
    ];

    private static readonly (Permission Permission, Scenario Scenario)[] Cases =
    [
        (new("visitcounter.io", "visitcounterapps", "list"), Scenario.CreateApp),
        (new("visitcounter.io", "visitcounterapps", "watch"), Scenario.CreateApp),
        (new("visitcounter.io", "visitcounterapps", "patch"), Scenario.StorageResize),
        (new("visitcounter.io", "visitcounterapps/status", "update"), Scenario.CreateApp),
        (new("apps", "statefulsets", "get"), Scenario.StatefulSetOwnedByOther),
        (new("apps", "statefulsets", "list"), Scenario.CreateApp),
        (new("apps", "statefulsets", "watch"), Scenario.CreateApp),
        (new("apps", "statefulsets", "create"), Scenario.CreateApp),
        (new("apps", "statefulsets", "patch"), Scenario.CreateApp),
        (new("apps", "statefulsets", "delete"), Scenario.StorageResize),
        (new("", "services", "get"), Scenario.ServiceOwnedByOther),
        (new("", "services", "list"), Scenario.CreateApp),
        (new("", "services", "watch"), Scenario.CreateApp),
        (new("", "services", "create"), Scenario.CreateApp),
        (new("", "services", "patch"), Scenario.CreateApp),
        (new("", "persistentvolumeclaims", "list"), Scenario.CreateApp),
        (new("", "persistentvolumeclaims", "watch"), Scenario.CreateApp),
        (new("", "persistentvolumeclaims", "patch"), Scenario.StorageResize),
        (new("storage.k8s.io", "storageclasses", "get"), Scenario.StorageResizeNamedClass),
        (new("storage.k8s.io", "storageclasses", "list"), Scenario.StorageResize),
        (new("policy", "poddisruptionbudgets", "get"), Scenario.BudgetOwnedByOther),
        (new("policy", "poddisruptionbudgets", "list"), Scenario.CreateApp),
        (new("policy", "poddisruptionbudgets", "watch"), Scenario.CreateApp),
        (new("policy", "poddisruptionbudgets", "create"), Scenario.DisruptionBudget),
        (new("policy", "poddisruptionbudgets", "patch"), Scenario.DisruptionBudget),
        (new("policy", "poddisruptionbudgets", "delete"), Scenario.DisruptionBudgetRemoved),
        (new("", "pods", "list"), Scenario.CreateApp),
        (new("", "pods", "watch"), Scenario.CreateApp),
        (new("", "pods/proxy", "get"), Scenario.Visits),
        (new("", "events", "create"), Scenario.CreateApp),
        (new("", "events", "patch"), Scenario.RepeatedDrift),
        (new("coordination.k8s.io", "leases", "get"), Scenario.CreateApp),
        (new("coordination.k8s.io", "leases", "create"), Scenario.CreateApp),
        (new("coordination.k8s.io", "leases", "update"), Scenario.CreateApp),
    ];

    /// <summary>Each case: the verb taken away and the scenario that needs it.</summary>
    public static TheoryData<string, string, string, Scenario> DroppedVerbs()
    {
        var data = new TheoryData<string, string, string, Scenario>();
        foreach (var (permission, scenario) in Cases)
        {
            data.Add(permission.Group, permission.Resource, permission.Verb, scenario);
        }

        return data;
    }

    [Fact]
    public void Every_verb_of_the_roles_is_dropped_by_a_case_or_named_as_not_exercised()
    {
        var covered = Cases.Select(c => c.Permission.ToString()).Concat(NotExercised.Select(p => p.ToString())).Order(StringComparer.Ordinal);
        var granted = OperatorRole.AllPermissions.Select(p => p.ToString()).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(granted, covered);
    }

    [Theory]
    [MemberData(nameof(DroppedVerbs))]
    public async Task Without_one_verb_the_operator_fails_with_a_403_naming_that_verb_and_resource(string group, string resource, string verb, Scenario scenario)
    {
        var dropped = new Permission(group, resource, verb);
        await using var run = await fixture.StartOperatorAsync(new OperatorRole(dropped), "drop");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var driving = run.DriveAsync(scenario, timeout.Token);

        string? evidence = null;
        try
        {
            await OperatorUnderRole.UntilAsync(() => (evidence = run.Forbidden(dropped)) is not null, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine(string.Join('\n', run.Logs.Lines));
            Assert.Fail($"Without '{dropped}' the operator showed no 403 naming it within 60 s ({scenario}); the server denied: " +
                string.Join("; ", Denials(run).Select(d => $"{d.Verb} {d.Resource}")));
        }

        output.WriteLine(evidence);
        await timeout.CancelAsync();
        await IgnoreCancellationAsync(driving);

        // The server denied exactly the verb taken away, nothing else (a 403 for another verb would mean the role lacks more).
        Assert.All(Denials(run), d => Assert.Equal((verb, resource, group), (d.Verb, d.Resource, d.ApiGroup)));
    }

    [Fact]
    public async Task With_the_full_roles_every_scenario_runs_without_a_single_403()
    {
        await using var run = await fixture.StartOperatorAsync(OperatorRole.Full, "full");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;

        // web: a budget, a named class, visits, drift; db: the default class.
        await run.CreateAppAsync("web", """{"disruptionBudget":{"minAvailable":1},"storage":{"size":"1Gi","storageClassName":"standard"}}""");
        await run.CreateAppAsync("db", "{}");
        await OperatorUnderRole.UntilAsync(() => Visits(run, "web") is not null, ct);
        await run.DriftServiceTwiceAsync("web", ct);
        await OperatorUnderRole.UntilAsync(() => RepeatedEventCount(run, "web") >= 2, ct);
        await run.PatchAppAsync("web", """{"spec":{"disruptionBudget":null}}""");
        await OperatorUnderRole.UntilAsync(() => run.Cluster.Store.Get(ResourceRef.PodDisruptionBudgets, run.Namespace, "web") is null, ct);
        await run.GrowStorageAsync("web", ct);
        await run.GrowStorageAsync("db", ct);
        await OperatorUnderRole.UntilAsync(() => ClaimSize(run, "web") == "2Gi" && ClaimSize(run, "db") == "2Gi" && TemplateSize(run, "web") == "2Gi" && TemplateSize(run, "db") == "2Gi", ct);

        Assert.Empty(Denials(run));
        Assert.DoesNotContain(run.Logs.Lines, l => l.Contains("forbidden", StringComparison.OrdinalIgnoreCase));
        Assert.Null(run.Degraded("web"));
        Assert.Null(run.Degraded("db"));
    }

    private static List<LocalCluster.ApiServer.Auth.AuthorizationDenial> Denials(OperatorUnderRole run) =>
        [.. run.Cluster.ApiServer.Authorization.Denials.Where(d => d.User == run.User)];

    private static long? Visits(OperatorUnderRole run, string app) =>
        run.Cluster.Store.Get(Integration.OperatorClusterFixture.VisitCounterApps, run.Namespace, app)?["status"]?["pods"]?[0]?["visits"]?.GetValue<long>();

    private static int RepeatedEventCount(OperatorUnderRole run, string app) =>
        run.Cluster.Store.List(ResourceRef.Events, run.Namespace)
            .Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == app && e["reason"]?.GetValue<string>() == "Updated")
            .Select(e => e["count"]?.GetValue<int>() ?? 1)
            .DefaultIfEmpty(0)
            .Max();

    private static string? ClaimSize(OperatorUnderRole run, string app) =>
        run.Cluster.Store.Get(ResourceRef.PersistentVolumeClaims, run.Namespace, $"data-{app}-0")?["spec"]?["resources"]?["requests"]?["storage"]?.GetValue<string>();

    private static string? TemplateSize(OperatorUnderRole run, string app) =>
        (run.Cluster.Store.Get(ResourceRef.StatefulSets, run.Namespace, app)?["spec"]?["volumeClaimTemplates"] as JsonArray)?[0]?["spec"]?["resources"]?["requests"]?["storage"]?.GetValue<string>();

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The scenario was cut short once the 403 showed.
        }
    }
}
