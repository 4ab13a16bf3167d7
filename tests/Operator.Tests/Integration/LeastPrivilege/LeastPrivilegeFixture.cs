using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Client;
using VisitCounter.Local;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Operator.Tests.Integration.LeastPrivilege;

/// <summary>One local cluster (HTTPS, RBAC, kubelet running real counter-app pods) with the CRD, shared by every case.</summary>
public sealed class LeastPrivilegeFixture : IAsyncLifetime
{
    private string dataDirectory = string.Empty;
    private LocalClusterHost? cluster;
    private int namespaces;

    /// <summary>The cluster.</summary>
    public LocalClusterHost Cluster => cluster ?? throw new InvalidOperationException("The fixture has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        dataDirectory = Directory.CreateTempSubdirectory("least-privilege-cluster-").FullName;
        cluster = await LocalClusterHost.StartAsync(new LocalClusterOptions { DataDirectory = dataDirectory });
        using var admin = new KubernetesClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath), OperatorJson.Options);
        await new CrdInstaller(admin, TimeProvider.System, NullLogger<CrdInstaller>.Instance).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    /// <summary>Starts an operator under <paramref name="role"/> in a fresh namespace.</summary>
    public Task<OperatorUnderRole> StartOperatorAsync(OperatorRole role, string prefix) =>
        OperatorUnderRole.StartAsync(Cluster, $"{prefix}-{Interlocked.Increment(ref namespaces)}", role);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
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
