using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Client;
using Microsoft.Extensions.DependencyInjection;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Serialization;
using VisitCounter.Kube.Tests.Runtime.Support;
using static VisitCounter.Kube.Tests.Runtime.Support.WatchScripts;

namespace VisitCounter.Kube.Tests.Runtime.Informers;

/// <summary>
/// The informer with the real REST client over real HTTP, against a tiny API server that ends a watch
/// stream early, answers the resumed watch with a 410 ERROR event, and then serves a relist.
/// </summary>
public sealed class InformerHttpTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> requests = new();
    private readonly TaskCompletionSource<string> lastWatchOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? server;
    private int lists;
    private int watches;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        server = builder.Build();
        server.MapGet("/api/v1/namespaces/ns/pods", ServePodsAsync);
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Resumes_after_the_stream_ends_and_relists_after_410_over_real_http()
    {
        var address = server!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Host = address });
        var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "ns" }, NullLogger<Informer<V1Pod>>.Instance, new RuntimeMetrics(new MetricsRegistry()));
        var handler = new RecordingHandler<V1Pod>();
        informer.AddEventHandler(handler);
        using var cts = new CancellationTokenSource();

        var run = informer.RunAsync(cts.Token);
        var finalWatch = await lastWatchOpen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.True(() => informer.LastSyncResourceVersion == "60", "the bookmark's resourceVersion");
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("resourceVersion=50", finalWatch, StringComparison.Ordinal);
        var watchQueries = requests.Where(r => r.Contains("watch=true", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, watchQueries.Count);
        Assert.Contains("resourceVersion=10", watchQueries[0], StringComparison.Ordinal);
        Assert.Contains("allowWatchBookmarks=true", watchQueries[0], StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds=", watchQueries[0], StringComparison.Ordinal);
        Assert.Contains("resourceVersion=12", watchQueries[1], StringComparison.Ordinal);
        Assert.Equal(2, requests.Count(r => !r.Contains("watch=true", StringComparison.Ordinal)));
        Assert.Equal(
            ["add ns/a@5", "add ns/c@11", "update ns/a@5->12", "update ns/c@11->45", "add ns/d@49"],
            handler.Events);
        Assert.Equal(["a", "c", "d"], informer.List().Select(p => p.Metadata.Name));
    }

    private async Task ServePodsAsync(HttpContext context)
    {
        requests.Enqueue(context.Request.QueryString.Value ?? string.Empty);
        if (context.Request.Query["watch"] != "true")
        {
            var list = Interlocked.Increment(ref lists) == 1
                ? new EntityList<V1Pod> { Kind = "PodList", Metadata = new V1ListMeta { ResourceVersion = "10" }, Items = [Pod("a", "5")] }
                : new EntityList<V1Pod> { Kind = "PodList", Metadata = new V1ListMeta { ResourceVersion = "50" }, Items = [Pod("a", "12"), Pod("c", "45"), Pod("d", "49")] };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(list, KubernetesJson.Default));
            return;
        }

        context.Response.ContentType = "application/json";
        switch (Interlocked.Increment(ref watches))
        {
            case 1:
                await WriteEventAsync(context, "ADDED", Pod("c", "11"));
                await WriteEventAsync(context, "MODIFIED", Pod("a", "12"));

                // End the stream early (as a proxy or an API server restart does). An abort (TCP reset) could
                // discard the events above before the client reads them, which would make this test racy.
                break;
            case 2:
                await WriteLineAsync(context, """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 12 (40)","reason":"Expired","code":410}}""");
                break;
            default:
                await WriteEventAsync(context, "BOOKMARK", Pod("a", "60"));
                lastWatchOpen.TrySetResult(context.Request.QueryString.Value ?? string.Empty);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The informer closed the watch.
                }

                break;
        }
    }

    private static Task WriteEventAsync(HttpContext context, string type, V1Pod pod) =>
        WriteLineAsync(context, $"{{\"type\":\"{type}\",\"object\":{JsonSerializer.Serialize(pod, KubernetesJson.Default)}}}");

    private static async Task WriteLineAsync(HttpContext context, string line)
    {
        await context.Response.WriteAsync(line + "\n");
        await context.Response.Body.FlushAsync();
    }
}
