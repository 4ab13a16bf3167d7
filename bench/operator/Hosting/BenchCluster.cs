using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Local;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Bench.OperatorScale.Hosting;

/// <summary>
/// A fresh embedded API server (no workload controllers, so no pods run) in its own temporary data directory, with
/// the VisitCounterApp CRD installed and Established. Each run gets a new one, so no run sees another's objects.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private static readonly TimeSpan CrdTimeout = TimeSpan.FromSeconds(60);

    private BenchCluster(LocalApiServer server, string dataDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
    }

    /// <summary>The running API server; <see cref="LocalApiServer.Store"/> is the benchmark's in-process door.</summary>
    public LocalApiServer Server { get; }

    /// <summary>Where the server keeps its objects (removed on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>Starts the server on a free loopback port and installs the CRD the way <c>local</c> does.</summary>
    public static async Task<BenchCluster> StartAsync(bool https, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"operator-bench-{Guid.NewGuid():N}");
        var server = await LocalApiServer.StartAsync(
            new LocalApiServerOptions { DataDirectory = dataDirectory, Https = https }, loggerFactory, cancellationToken);
        try
        {
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath);
            using var client = new KubernetesClient(configuration, OperatorJson.Options, loggerFactory.CreateLogger<KubernetesClient>());
            await new CrdInstaller(client, TimeProvider.System, loggerFactory.CreateLogger<CrdInstaller>())
                .InstallAsync(CrdTimeout, cancellationToken);
            return new BenchCluster(server, dataDirectory);
        }
        catch
        {
            await server.DisposeAsync();
            DeleteDirectory(dataDirectory);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
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
