using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.KubeClient.Support;

/// <summary>
/// One real <see cref="LocalApiServer"/> (HTTPS + bearer token) per test class, reached by our <see cref="KubernetesClient"/>
/// through the kubeconfig the server writes, with the VisitCounterApp CRD installed. Each test takes its own namespace.
/// </summary>
public class ApiServerFixture : IAsyncLifetime
{
    private string dataDirectory = string.Empty;
    private LocalApiServer? server;
    private KubernetesClient? client;
    private int namespaces;

    /// <summary>Built-in models from source generation, the test-only VisitCounterApp model by reflection.</summary>
    public static JsonSerializerOptions Json { get; } = KubernetesJson.Create(new DefaultJsonTypeInfoResolver());

    /// <summary>The running server.</summary>
    public LocalApiServer Server => server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A client built from the server's kubeconfig, exactly as the operator builds one.</summary>
    public KubernetesClient Client => client ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Options of the server; derived fixtures change them (e.g. a tiny watch window).</summary>
    protected virtual LocalApiServerOptions ServerOptions(string directory) => new() { DataDirectory = directory };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        dataDirectory = Directory.CreateTempSubdirectory("kube-client-it-").FullName;
        server = await LocalApiServer.StartAsync(ServerOptions(dataDirectory));
        client = NewClient();
        await InstallCrdAsync(client);
    }

    /// <summary>Another independent client (own HTTP connection pool) on the same server.</summary>
    public KubernetesClient NewClient() =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath), Json);

    /// <summary>Creates a fresh namespace so tests in one class never see each other's objects.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref namespaces)}";
        await Client.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being closed; the temp directory is left for the OS to clean.
        }
    }

    private static async Task InstallCrdAsync(KubernetesClient client)
    {
        // The checked-in CRD is the one users apply; Crds.Tests fails when it drifts from what the C# types generate.
        var path = Path.Combine(RepositoryPaths.RepositoryRoot, "config", "crd", "bases", "visitcounter.io_visitcounterapps.yaml");
        var node = KubernetesYaml.Load(await File.ReadAllTextAsync(path));
        var crd = node.Deserialize<V1CustomResourceDefinition>(Json)
            ?? throw new InvalidOperationException($"{path} holds no CustomResourceDefinition.");
        await client.CreateAsync(crd);
        await Eventually.TrueAsync(
            async () => (await client.GetAsync<V1CustomResourceDefinition>(crd.Metadata.Name!))?.Status?.Conditions?
                .Any(c => c.Type == "Established" && c.Status == "True") == true,
            "the VisitCounterApp CRD to become Established");
    }
}

/// <summary>A server that keeps only a few changes for resuming watches, so an old resourceVersion soon answers 410 Gone.</summary>
public sealed class SmallWatchWindowFixture : ApiServerFixture
{
    /// <summary>How many changes the server remembers.</summary>
    public const int WindowSize = 5;

    /// <inheritdoc />
    protected override LocalApiServerOptions ServerOptions(string directory) =>
        base.ServerOptions(directory) with { WatchWindowSize = WindowSize };
}

/// <summary>A server that sends watch bookmarks every few hundred milliseconds instead of every 30 s.</summary>
public sealed class FastBookmarkFixture : ApiServerFixture
{
    /// <inheritdoc />
    protected override LocalApiServerOptions ServerOptions(string directory) =>
        base.ServerOptions(directory) with { BookmarkInterval = TimeSpan.FromMilliseconds(200) };
}
