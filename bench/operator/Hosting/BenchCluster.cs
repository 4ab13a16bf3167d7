using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Local;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Bench.OperatorScale.Hosting;

/// <summary>
/// A fresh local cluster in its own temporary data directory: the API server (HTTPS with a token, or plain HTTP) and
/// its workload controllers (StatefulSet controller, kubelet stand-in running counter-app pods as processes, service
/// proxy), with the VisitCounterApp CRD installed and Established. Each run gets a new one.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private static readonly TimeSpan CrdTimeout = TimeSpan.FromSeconds(60);

    private readonly LocalClusterHost host;

    private BenchCluster(LocalClusterHost host, string dataDirectory)
    {
        this.host = host;
        DataDirectory = dataDirectory;
    }

    /// <summary>The API server (address, token, CA, kubeconfig).</summary>
    public LocalApiServer Server => host.ApiServer;

    /// <summary>The benchmark's in-process door to the objects; its requests do not show in <c>/metrics</c>.</summary>
    public IObjectStore Store => host.Store;

    /// <summary>Where the cluster keeps its objects, volumes and pod logs (removed on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>Starts the cluster on a free loopback port and installs the CRD the way <c>local</c> does.</summary>
    public static async Task<BenchCluster> StartAsync(bool https, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"operator-bench-{Guid.NewGuid():N}");
        var host = await LocalClusterHost.StartAsync(
            new LocalClusterOptions
            {
                DataDirectory = dataDirectory,
                ApiServer = new LocalApiServerOptions { DataDirectory = dataDirectory, Https = https },
            },
            loggerFactory,
            cancellationToken);
        try
        {
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(host.KubeconfigPath);
            using var client = new KubernetesClient(configuration, OperatorJson.Options, loggerFactory.CreateLogger<KubernetesClient>());
            await new CrdInstaller(client, TimeProvider.System, loggerFactory.CreateLogger<CrdInstaller>())
                .InstallAsync(CrdTimeout, cancellationToken);
            return new BenchCluster(host, dataDirectory);
        }
        catch
        {
            await host.DisposeAsync();
            DeleteDirectory(dataDirectory);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        DeleteDirectory(DataDirectory);
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
