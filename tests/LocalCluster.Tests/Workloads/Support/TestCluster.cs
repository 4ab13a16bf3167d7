using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.LocalCluster.Workloads.Kubelet;

namespace VisitCounter.LocalCluster.Tests.Workloads.Support;

/// <summary>A local cluster on a temporary data directory, with helpers to wait for the controllers' work.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(LocalClusterHost host, string dataDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
    }

    public LocalClusterHost Host { get; }

    public IObjectStore Store => Host.Store;

    public string DataDirectory { get; }

    public static LocalImage CounterApp =>
        LocalImage.FindCounterApp() ?? throw new InvalidOperationException("counter-app.dll not found next to the tests; build src/CounterApp");

    /// <summary>A cluster; <paramref name="https"/> adds what authentication brings: service account tokens for pods.</summary>
    public static async Task<TestCluster> StartAsync(bool workloads = true, string? dataDirectory = null, bool https = false)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "workloads-tests", Guid.NewGuid().ToString("N"));
        var host = await LocalClusterHost.StartAsync(new LocalClusterOptions
        {
            DataDirectory = dataDirectory,
            ApiServer = new LocalApiServerOptions { DataDirectory = dataDirectory, Https = https },
            LocalImages = new Dictionary<string, LocalImage> { [LocalImage.CounterAppRepository] = CounterApp },
            Kubelet = new KubeletOptions { RestartBackoff = TimeSpan.FromMilliseconds(200), MaxRestartBackoff = TimeSpan.FromSeconds(1) },
            RunWorkloads = workloads,
        });
        return new TestCluster(host, dataDirectory);
    }

    /// <summary>Polls the store until the object satisfies the condition; fails with the last state seen.</summary>
    public async Task<JsonObject?> WaitForAsync(
        ResourceRef resource, string ns, string name, Func<JsonObject?, bool> condition, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = Store.Get(resource, ns, name);
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for {what}; last state of {resource} {ns}/{name}: {last?.ToJsonString() ?? "(absent)"}");
        return null;
    }

    public Task<JsonObject?> WaitForReadyPodAsync(string name, string ns = "default") =>
        WaitForAsync(ResourceRef.Pods, ns, name, p => IsReady(p), $"pod {name} to be Ready");

    public static bool IsReady(JsonObject? pod) =>
        (pod?["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
        .Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
