using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.Server.Support;

/// <summary>A running local API server on a free port with its own data directory, a trusted HttpClient and a kubectl runner.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private TestCluster(LocalApiServer server, string dataDirectory, bool ownsDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        Http = CreateHttpClient(server);
        Kubectl = new Kubectl(server.KubeconfigPath, Path.Combine(dataDirectory, "kubectl-cache"));
    }

    public LocalApiServer Server { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public Kubectl Kubectl { get; }

    public static string Fixtures => Path.Combine(RepositoryPaths.SharedDirectory, "kubectl-contract", "fixtures");

    public static async Task<TestCluster> StartAsync(Func<LocalApiServerOptions, LocalApiServerOptions>? configure = null, string? dataDirectory = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("local-cluster-").FullName;
        var options = new LocalApiServerOptions { DataDirectory = dataDirectory };
        if (configure is not null) options = configure(options);
        var server = await LocalApiServer.StartAsync(options);
        return new TestCluster(server, dataDirectory, ownsDirectory);
    }

    /// <summary>Stops the server but keeps the data directory (for restart tests).</summary>
    public async Task StopAsync() => await Server.DisposeAsync();

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<(int Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, JsonNode? body = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, contentType);
        if (body is not null) request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject(), response);
    }

    private static HttpClient CreateHttpClient(LocalApiServer server)
    {
        var handler = new HttpClientHandler();
        if (server.CaCertificatePem is { } caPem)
        {
            var ca = X509Certificate2.CreateFromPem(caPem);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            };
        }
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (server.Token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A kubectl child still closing files; the temp directory is cleaned by the OS eventually.
            }
        }
    }
}
