using System.Diagnostics;
using VisitCounter.LocalCluster.ApiServer.Auth;
using VisitCounter.LocalCluster.Workloads;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>
/// A local cluster as <c>visitcounter-local --without-operator</c> starts it: no CRD and no operator, until a test
/// installs them the way a user does (<c>kubectl apply -k config/default</c>, <c>helm install</c>). The operator
/// then runs as a pod of <c>visitcounter/operator</c>, under its own service account and RBAC.
/// </summary>
public sealed class OperatorPodCluster : IAsyncDisposable
{
    public const string OperatorNamespace = "visitcounter-system";
    public const string OperatorDeployment = "visitcounter-operator";
    public const string OperatorUser = $"system:serviceaccount:{OperatorNamespace}:visitcounter-operator";

    private readonly string _root;
    private readonly LocalClusterHost _cluster;

    private OperatorPodCluster(string root, LocalClusterHost cluster, Kubectl kubectl)
    {
        _root = root;
        _cluster = cluster;
        Kubectl = kubectl;
    }

    public Kubectl Kubectl { get; }

    public string KubeconfigPath => _cluster.KubeconfigPath;

    /// <summary>The requests RBAC denied the operator's service account.</summary>
    public IReadOnlyList<AuthorizationDenial> OperatorDenials => _cluster.ApiServer.Authorization.Denials.Where(d => d.User == OperatorUser).ToList();

    public string HelmHome => Path.Combine(_root, "helm");

    public static async Task<OperatorPodCluster> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "vc-e2e-pod-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        await TestTools.EnsureInstalledAsync();
        var cluster = await LocalClusterHost.StartAsync(new LocalClusterOptions { DataDirectory = Path.Combine(root, "cluster") });
        var cache = Path.Combine(root, "kubectl-cache");
        Directory.CreateDirectory(cache);
        return new OperatorPodCluster(root, cluster, new Kubectl(cluster.KubeconfigPath, cache));
    }

    /// <summary>
    /// Waits for what a user waits for after installing: <c>kubectl rollout status</c> of the operator's Deployment;
    /// returns how long it took.
    /// </summary>
    public async Task<TimeSpan> WaitForOperatorRolloutAsync()
    {
        var watch = Stopwatch.StartNew();
        var status = await Kubectl.TryRunAsync("rollout", "status", $"deployment/{OperatorDeployment}", "-n", OperatorNamespace, "--timeout=55s");
        Assert.True(status.ExitCode == 0, $"kubectl rollout status failed: {status.Stderr}{status.Stdout}\n{await DescribeOperatorAsync()}");
        Assert.Contains("successfully rolled out", status.Stdout, StringComparison.Ordinal);
        return watch.Elapsed;
    }

    /// <summary>The operator's pods and the tail of its log, for a failing test.</summary>
    public async Task<string> DescribeOperatorAsync()
    {
        var pods = await Kubectl.TryRunAsync("get", "deployments,replicasets,pods", "-n", OperatorNamespace, "-o", "wide");
        var logs = await Kubectl.TryRunAsync("logs", $"deployment/{OperatorDeployment}", "-n", OperatorNamespace, "--tail=60");
        var events = await Kubectl.TryRunAsync("get", "events", "-n", OperatorNamespace);
        return $"{pods.Stdout}{pods.Stderr}\n{events.Stdout}\noperator log (tail):\n{logs.Stdout}{logs.Stderr}";
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
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
