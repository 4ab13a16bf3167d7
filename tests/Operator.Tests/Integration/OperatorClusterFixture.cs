using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.Operator.Hosting;
using VisitCounter.Operator.Local;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Operator.Tests.Integration;

/// <summary>
/// A whole local cluster (HTTPS API server, StatefulSet controller, garbage collector, volume provisioner and a kubelet
/// running real counter-app processes), the CRD installed, and the real operator running in this process against it
/// through the cluster's kubeconfig, with its metrics and health endpoints switched off.
/// </summary>
public class OperatorClusterFixture : IAsyncLifetime
{
    /// <summary>The VisitCounterApp resource as the local store addresses it.</summary>
    public static readonly ResourceRef VisitCounterApps = new(VisitCounterApp.KubeGroup, VisitCounterApp.KubeApiVersion, VisitCounterApp.KubePluralName);

    private string dataDirectory = string.Empty;
    private LocalClusterHost? cluster;
    private KubernetesClient? client;
    private WebApplication? operatorApp;
    private int namespaces;

    /// <summary>The cluster.</summary>
    public LocalClusterHost Cluster => cluster ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Direct access to what the server stores (reads only: writes go through <see cref="Client"/> like a user's).</summary>
    public IObjectStore Store => Cluster.Store;

    /// <summary>A client with the operator's JSON options, playing the user (kubectl).</summary>
    public KubernetesClient Client => client ?? throw new InvalidOperationException("The fixture has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        dataDirectory = Directory.CreateTempSubdirectory("operator-it-").FullName;
        cluster = await LocalClusterHost.StartAsync(ClusterOptions(dataDirectory));
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath);
        client = new KubernetesClient(configuration, OperatorJson.Options);
        await new CrdInstaller(client, TimeProvider.System, NullLogger<CrdInstaller>.Instance).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        await StartOperatorAsync();
    }

    /// <summary>
    /// Stops the operator, runs <paramref name="whileStopped"/> (the world changes behind its back, as during a crash or
    /// an upgrade), then starts a fresh operator process-equivalent that knows nothing but what the cluster stores.
    /// </summary>
    public async Task WhileOperatorIsDownAsync(Func<Task> whileStopped)
    {
        ArgumentNullException.ThrowIfNull(whileStopped);
        await StopOperatorAsync();
        try
        {
            await whileStopped();
        }
        finally
        {
            await StartOperatorAsync();
        }
    }

    private async Task StartOperatorAsync()
    {
        var kubeconfig = Cluster.KubeconfigPath;
        var options = new OperatorOptions { Kubeconfig = kubeconfig, MetricsBindAddress = null, HealthProbeBindAddress = null };
        operatorApp = OperatorHost.Build(options, KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig), ConfigureOperator);
        await operatorApp.StartAsync();
    }

    private async Task StopOperatorAsync()
    {
        if (operatorApp is not null)
        {
            await operatorApp.StopAsync();
            await operatorApp.DisposeAsync();
            operatorApp = null;
        }
    }

    /// <summary>The cluster's settings (a subclass turns on feature gates or admission).</summary>
    protected virtual LocalClusterOptions ClusterOptions(string dataDirectory) => new() { DataDirectory = dataDirectory };

    /// <summary>Changes the operator's services after its own registrations (a subclass injects faults).</summary>
    protected virtual void ConfigureOperator(IServiceCollection services)
    {
    }

    /// <summary>Restarts the operator: a fresh process-equivalent that knows only what the cluster stores.</summary>
    public Task RestartOperatorAsync() => WhileOperatorIsDownAsync(() => Task.CompletedTask);

    /// <summary>Name and resourceVersion of every object of the app's kinds in <paramref name="ns"/>: equal snapshots mean nobody wrote.</summary>
    public string[] Snapshot(string ns) =>
    [
        .. new[] { VisitCounterApps, ResourceRef.StatefulSets, ResourceRef.Services, ResourceRef.PersistentVolumeClaims, ResourceRef.Pods, ResourceRef.Events }
            .SelectMany(r => Store.List(r, ns).Select(o => $"{r.Resource}/{o["metadata"]!["name"]}@{o["metadata"]!["resourceVersion"]}"))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// Waits until the namespace has been still for <paramref name="quietSeconds"/> (start-up writes done; pass more than a
    /// visits interval so that a first reading pods answered late has shown), then returns its snapshot.
    /// </summary>
    public async Task<string[]> SettledSnapshotAsync(string ns, int timeoutSeconds = 30, double quietSeconds = 1.5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        var previous = Snapshot(ns);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(quietSeconds));
            var current = Snapshot(ns);
            if (current.SequenceEqual(previous))
            {
                return current;
            }

            previous = current;
        }

        Assert.Fail($"Namespace {ns} never settled; last snapshot: {string.Join(", ", previous)}");
        return previous;
    }

    /// <summary>A fresh namespace per test.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref namespaces)}";
        await Client.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>Polls the store until <paramref name="condition"/> holds for the object; fails with its last state.</summary>
    public async Task<JsonObject> WaitForAsync(ResourceRef resource, string ns, string name, Func<JsonObject, bool> condition, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = Store.Get(resource, ns, name);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for {what}; last state of {resource} {ns}/{name}: {last?.ToJsonString() ?? "(absent)"}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Waits until the app reports <paramref name="phase"/> for its current generation.</summary>
    public Task<JsonObject> WaitForPhaseAsync(string ns, string name, string phase, int timeoutSeconds = 60) =>
        WaitForAsync(
            VisitCounterApps, ns, name,
            app => app["status"]?["phase"]?.GetValue<string>() == phase
                && app["status"]?["observedGeneration"]?.GetValue<long>() == app["metadata"]!["generation"]!.GetValue<long>(),
            $"VisitCounterApp {ns}/{name} to be {phase}",
            timeoutSeconds);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await StopOperatorAsync();
        client?.Dispose();
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A pod process still closing its visits file; the OS cleans the temp directory.
        }
    }
}
