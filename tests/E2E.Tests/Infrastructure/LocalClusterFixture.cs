using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.Workloads;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>
/// One local cluster (API server + StatefulSet controller + garbage collector + kubelet running real counter-app
/// processes) with the CRD installed by the real kubectl and the operator running as a separate process.
/// Tests share it, each in a namespace of its own.
/// </summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vc-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalClusterHost? _cluster;
    private int _namespaces;

    public Kubectl Kubectl { get; private set; } = null!;

    public OperatorProcess Operator { get; private set; } = null!;

    public IObjectStore Store => _cluster!.Store;

    public string KubeconfigPath => _cluster!.KubeconfigPath;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await TestTools.EnsureInstalledAsync();
        _cluster = await LocalClusterHost.StartAsync(new LocalClusterOptions { DataDirectory = Path.Combine(_root, "cluster") });
        var cache = Path.Combine(_root, "kubectl-cache");
        Directory.CreateDirectory(cache);
        Kubectl = new Kubectl(_cluster.KubeconfigPath, cache);
        await Kubectl.RunAsync("apply", "-f", RepoPaths.Crd);
        await Kubectl.RunAsync("wait", "--for=condition=Established", "crd/visitcounterapps.visitcounter.io", "--timeout=60s");
        // kubectl keeps discovery for 10 minutes: the copy cached before the CRD existed lacks `vca`, and `kubectl
        // explain`, unlike `get`, does not rediscover on a miss.
        Directory.Delete(cache, recursive: true);
        Directory.CreateDirectory(cache);
        Operator = await OperatorProcess.StartAsync(_cluster.KubeconfigPath);
    }

    /// <summary>Kills the operator with SIGKILL and starts a new one, as a crashed pod is restarted.</summary>
    public async Task RestartOperatorAsync(bool kill)
    {
        if (kill)
        {
            await Operator.KillAsync();
        }
        else
        {
            await Operator.StopAsync();
        }

        await Operator.DisposeAsync();
        Operator = await OperatorProcess.StartAsync(_cluster!.KubeconfigPath);
    }

    /// <summary>A fresh namespace, created with <c>kubectl create namespace</c> (a protobuf request).</summary>
    public async Task<string> NewNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Kubectl.RunAsync("create", "namespace", name);
        return name;
    }

    /// <summary>What a failing test prints: the operator's log tail and the namespace's objects.</summary>
    public async Task<string> DescribeAsync(string ns)
    {
        var objects = await Kubectl.TryRunAsync("get", "vca,statefulsets,pods,pvc,services", "-n", ns, "-o", "wide");
        var events = await Kubectl.TryRunAsync("get", "events", "-n", ns);
        var log = Operator.Output;
        return $"{objects.Stdout}{objects.Stderr}\n{events.Stdout}\noperator log (tail):\n{log[Math.Max(0, log.Length - 6000)..]}";
    }

    public async Task DisposeAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A pod process that was slow to exit may still hold a file; the temp folder is not worth failing a run for.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalClusterFixture>
{
    public const string Name = "local cluster";
}

/// <summary>Small JSON accessors for objects kubectl printed.</summary>
public static class Json
{
    public static string? Str(this JsonNode? node, string path) => Walk(node, path)?.GetValue<object>()?.ToString();

    public static long Long(this JsonNode? node, string path) => Walk(node, path) is JsonValue v ? long.Parse(v.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 0;

    public static JsonNode? Walk(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }
}
