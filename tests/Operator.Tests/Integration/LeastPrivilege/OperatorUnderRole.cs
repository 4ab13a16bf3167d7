using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using PatchType = VisitCounter.LocalCluster.ApiServer.Objects.PatchType;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.Operator.Hosting;
using VisitCounter.Operator.Manifests;

namespace VisitCounter.Operator.Tests.Integration.LeastPrivilege;

/// <summary>
/// The operator as a pod would run it, minus the pod: the production <see cref="OperatorHost"/> wiring with leader
/// election, authenticated by a token of its own service account (bound to <see cref="OperatorRole"/> through a
/// ClusterRoleBinding and, for the Lease, a RoleBinding), confined to one namespace that it also keeps its Lease in.
/// </summary>
public sealed class OperatorUnderRole : IAsyncDisposable
{
    private const string AppName = "web";

    private readonly WebApplication app;
    private readonly string directory;

    private OperatorUnderRole(LocalClusterHost cluster, string ns, string directory, WebApplication app, CapturedLogs logs)
    {
        Cluster = cluster;
        Namespace = ns;
        this.directory = directory;
        this.app = app;
        Logs = logs;
    }

    /// <summary>The cluster.</summary>
    public LocalClusterHost Cluster { get; }

    /// <summary>The namespace the operator watches and keeps its Lease in.</summary>
    public string Namespace { get; }

    /// <summary>The operator's log lines.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>The user the operator authenticates as.</summary>
    public string User => $"system:serviceaccount:{Namespace}:{RbacManifests.Name}";

    private IObjectStore Store => Cluster.Store;

    /// <summary>Creates the namespace, service account and RBAC objects, then starts the operator with a token of the account.</summary>
    public static async Task<OperatorUnderRole> StartAsync(LocalClusterHost cluster, string ns, OperatorRole role)
    {
        var store = cluster.Store;
        await store.CreateAsync(ResourceRef.Namespaces, Object("v1", "Namespace", ns, null));
        await store.CreateAsync(ResourceRef.ServiceAccounts, Object("v1", "ServiceAccount", RbacManifests.Name, ns));
        var roleName = $"{RbacManifests.Name}-{ns}";
        var clusterRole = Object("rbac.authorization.k8s.io/v1", "ClusterRole", roleName, null);
        clusterRole["rules"] = role.ClusterRules();
        await store.CreateAsync(ResourceRef.ClusterRoles, clusterRole);
        await store.CreateAsync(ResourceRef.ClusterRoleBindings, Binding("ClusterRoleBinding", roleName, null, "ClusterRole", ns));
        var leaderElection = Object("rbac.authorization.k8s.io/v1", "Role", RbacManifests.LeaderElectionName, ns);
        leaderElection["rules"] = role.LeaderElectionRules();
        await store.CreateAsync(ResourceRef.Roles, leaderElection);
        await store.CreateAsync(ResourceRef.RoleBindings, Binding("RoleBinding", RbacManifests.LeaderElectionName, ns, "Role", ns));

        var token = cluster.ApiServer.ServiceAccountTokens.Issue(ns, RbacManifests.Name).Token;
        var directory = Directory.CreateTempSubdirectory("least-privilege-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, Kubeconfig(cluster, token));

        var logs = new CapturedLogs();
        var options = new OperatorOptions
        {
            Kubeconfig = kubeconfig,
            Namespace = ns,
            LeaderElect = true,
            MetricsBindAddress = null,
            HealthProbeBindAddress = null,
        };
        var operatorApp = OperatorHost.Build(options, KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig),
            services => services.AddSingleton<ILoggerProvider>(logs));
        await operatorApp.StartAsync();
        return new OperatorUnderRole(cluster, ns, directory, operatorApp, logs);
    }

    /// <summary>Plays the user's part of <paramref name="scenario"/> (best effort: with a verb missing, a step may never be reached).</summary>
    public async Task DriveAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        if (TakenName(scenario) is { } taken)
        {
            await CreateOwnedByOtherAsync(taken.Resource, taken.Object, cancellationToken);
        }

        await CreateAppAsync(AppName, scenario switch
        {
            Scenario.DisruptionBudget or Scenario.DisruptionBudgetRemoved or Scenario.BudgetOwnedByOther => """{"disruptionBudget":{"minAvailable":1}}""",
            Scenario.StorageResizeNamedClass => """{"storage":{"size":"1Gi","storageClassName":"standard"}}""",
            _ => "{}",
        });
        switch (scenario)
        {
            case Scenario.DisruptionBudgetRemoved:
                await UntilAsync(() => Store.Get(ResourceRef.PodDisruptionBudgets, Namespace, AppName) is not null, cancellationToken);
                await PatchAppAsync(AppName, """{"spec":{"disruptionBudget":null}}""");
                break;
            case Scenario.StorageResize or Scenario.StorageResizeNamedClass:
                await GrowStorageAsync(AppName, cancellationToken);
                break;
            case Scenario.RepeatedDrift:
                await DriftServiceTwiceAsync(AppName, cancellationToken);
                break;
        }
    }

    /// <summary>The object, named as the app's child, that another controller owns in <paramref name="scenario"/>.</summary>
    private (ResourceRef Resource, JsonObject Object)? TakenName(Scenario scenario)
    {
        var labels = new JsonObject { ["owner"] = "someone-else" };
        switch (scenario)
        {
            case Scenario.StatefulSetOwnedByOther:
                var statefulSet = Object("apps/v1", "StatefulSet", AppName, Namespace);
                statefulSet["spec"] = new JsonObject
                {
                    ["replicas"] = 0,
                    ["serviceName"] = AppName,
                    ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "other", ["image"] = "other:1" }) },
                    },
                };
                return (ResourceRef.StatefulSets, statefulSet);
            case Scenario.ServiceOwnedByOther:
                var service = Object("v1", "Service", AppName, Namespace);
                service["spec"] = new JsonObject { ["selector"] = labels.DeepClone(), ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) };
                return (ResourceRef.Services, service);
            case Scenario.BudgetOwnedByOther:
                var budget = Object("policy/v1", "PodDisruptionBudget", AppName, Namespace);
                budget["spec"] = new JsonObject { ["minAvailable"] = 1, ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() } };
                return (ResourceRef.PodDisruptionBudgets, budget);
            default:
                return null;
        }
    }

    /// <summary>Creates <paramref name="taken"/> controlled by a ConfigMap, a real owner the garbage collector leaves it with.</summary>
    private async Task CreateOwnedByOtherAsync(ResourceRef resource, JsonObject taken, CancellationToken cancellationToken)
    {
        var owner = await Store.CreateAsync(ResourceRef.ConfigMaps, Object("v1", "ConfigMap", "someone-else", Namespace), cancellationToken: cancellationToken);
        taken["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["name"] = "someone-else",
            ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
            ["controller"] = true,
        });
        await Store.CreateAsync(resource, taken, cancellationToken: cancellationToken);
    }

    /// <summary>The log line or the app's Degraded message that names <paramref name="permission"/> in a 403, or null.</summary>
    public string? Forbidden(Permission permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        var text = permission.ForbiddenText;
        var degraded = Degraded(AppName);
        return Logs.Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))
            ?? (degraded?.Contains(text, StringComparison.Ordinal) == true ? $"Degraded: {degraded}" : null);
    }

    /// <summary>The app's Degraded message when the condition is True.</summary>
    public string? Degraded(string name)
    {
        var conditions = Store.Get(OperatorClusterFixture.VisitCounterApps, Namespace, name)?["status"]?["conditions"] as JsonArray ?? [];
        var degraded = conditions.FirstOrDefault(c => c?["type"]?.GetValue<string>() == VisitCounterAppConditionTypes.Degraded);
        return degraded?["status"]?.GetValue<string>() == "True" ? degraded["message"]?.GetValue<string>() : null;
    }

    /// <summary>Creates an app of one Parallel pod whose visits are read every second; <paramref name="specJson"/> adds to its spec.</summary>
    public Task CreateAppAsync(string name, string specJson)
    {
        var app = Object($"{VisitCounterApp.KubeGroup}/{VisitCounterApp.KubeApiVersion}", VisitCounterApp.KubeKind, name, Namespace);
        var spec = JsonNode.Parse(specJson)!.AsObject();
        spec["replicas"] = 1;
        spec["podManagementPolicy"] = "Parallel";
        spec["visits"] = new JsonObject { ["collect"] = true, ["intervalSeconds"] = 1 };
        app["spec"] = spec;
        return Store.CreateAsync(OperatorClusterFixture.VisitCounterApps, app);
    }

    /// <summary>Merge-patches the app as a user would.</summary>
    public Task PatchAppAsync(string name, string patch) =>
        Store.PatchAsync(OperatorClusterFixture.VisitCounterApps, Namespace, name, PatchType.Merge, JsonNode.Parse(patch)!);

    /// <summary>Waits for the app's first claim, then asks for 2Gi.</summary>
    public async Task GrowStorageAsync(string name, CancellationToken cancellationToken)
    {
        await UntilAsync(() => Store.Get(ResourceRef.PersistentVolumeClaims, Namespace, $"data-{name}-0") is not null, cancellationToken);
        await PatchAppAsync(name, """{"spec":{"storage":{"size":"2Gi"}}}""");
    }

    /// <summary>Points the app's Service at target port 8081 twice, each time after the operator put <c>http</c> back.</summary>
    public async Task DriftServiceTwiceAsync(string name, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 2; i++)
        {
            await UntilAsync(() => TargetPort(name) == "http", cancellationToken);

            // Not the port: it is the key of the list items, so an apply would add an item rather than fix this one.
            await Store.PatchAsync(ResourceRef.Services, Namespace, name, PatchType.Merge,
                JsonNode.Parse("""{"spec":{"ports":[{"name":"http","port":80,"targetPort":8081,"protocol":"TCP"}]}}""")!, cancellationToken: cancellationToken);
            await UntilAsync(() => TargetPort(name) != "http", cancellationToken);
        }

        await UntilAsync(() => TargetPort(name) == "http", cancellationToken);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds.</summary>
    public static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (!condition())
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();

        // The app's pods are real processes: the next case should not share the machine with them.
        await Store.DeleteAsync(ResourceRef.Namespaces, null, Namespace);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }

    private string? TargetPort(string name) =>
        Store.Get(ResourceRef.Services, Namespace, name)?["spec"]?["ports"]?[0]?["targetPort"]?.ToJsonString().Trim('"');

    private static string Kubeconfig(LocalClusterHost cluster, string token)
    {
        var server = cluster.ApiServer;
        var ca = server.CaCertificatePem is { } pem ? $"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(pem))}\n" : string.Empty;
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: {server.BaseAddress.ToString().TrimEnd('/')}
            {ca}users:
            - name: operator
              user:
                token: {token}
            contexts:
            - name: operator
              context:
                cluster: local
                user: operator
            current-context: operator
            """;
    }

    private static JsonObject Object(string apiVersion, string kind, string name, string? ns)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    private static JsonObject Binding(string kind, string name, string? ns, string roleKind, string accountNamespace)
    {
        var binding = Object("rbac.authorization.k8s.io/v1", kind, name, ns);
        binding["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = roleKind, ["name"] = ns is null ? name : RbacManifests.LeaderElectionName };
        binding["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = RbacManifests.Name, ["namespace"] = accountNamespace });
        return binding;
    }
}
