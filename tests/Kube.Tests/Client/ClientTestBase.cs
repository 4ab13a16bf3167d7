using System.Text.Json.Nodes;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Client.Retries;
using VisitCounter.Kube.Serialization;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Client;

/// <summary>Starts a fake API server and a client pointed at it for each test.</summary>
public abstract class ClientTestBase : IAsyncLifetime
{
    protected FakeApiServer Server { get; private set; } = null!;

    protected KubernetesClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeApiServer.StartAsync();
        Client = new KubernetesClient(
            new KubernetesClientConfiguration
            {
                Host = Server.BaseAddress.ToString(),
                Namespace = "default",
                RequestTimeout = TimeSpan.FromSeconds(20),

                // Retries of injected 5xx answers stay real but short; RetryTests look at the delays on a manual clock.
                Retry = new ClientRetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(10) },
            },
            KubernetesJson.Create(TestJsonContext.Default));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    protected static JsonObject Pod(string name, string ns = "default", IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null)
        {
            var labelObject = new JsonObject();
            foreach (var (k, v) in labels)
            {
                labelObject[k] = v;
            }

            metadata["labels"] = labelObject;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "img" }) },
        };
    }

    protected static CancellationToken Timeout(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
