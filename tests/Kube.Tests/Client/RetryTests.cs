using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Client.Retries;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;
using VisitCounter.Kube.Tests.Runtime.Support;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Client;

/// <summary>The client's own retries against a real HTTP server that injects faults; delays run on a manual clock.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    private readonly ManualTimeProvider time = new() { AutoAdvance = true };
    private FakeApiServer server = null!;
    private KubernetesClient client = null!;

    public async Task InitializeAsync()
    {
        server = await FakeApiServer.StartAsync();
        client = CreateClient(time);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_the_hint_and_succeeds()
    {
        FailFirst(2, context => RejectAsync(context, 429, "TooManyRequests", retryAfterSeconds: 3));

        var created = await client.CreateAsync(NewPod("web-0"));

        Assert.Equal("web-0", created.Metadata.Name);
        Assert.Equal(3, Posts().Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], time.RequestedDelays);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_is_cut_to_the_cap()
    {
        FailFirst(1, context => RejectAsync(context, 503, "ServiceUnavailable", retryAfterSeconds: 3600));

        await client.ListAsync<V1Pod>("default");

        Assert.Equal([new ClientRetryOptions().MaxRetryAfter], time.RequestedDelays);
    }

    [Fact]
    public async Task A_503_without_a_hint_on_a_read_is_retried_with_growing_backoff()
    {
        FailFirst(2, context => RejectAsync(context, 503, "ServiceUnavailable"));

        var list = await client.ListAsync<V1Pod>("default");

        Assert.Empty(list.Items);
        Assert.Equal(3, server.Requests.Count);
        var delays = time.RequestedDelays.ToArray();
        Assert.Equal(2, delays.Length);
        Assert.InRange(delays[0], TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(150));
        Assert.InRange(delays[1], TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_generateName_create_is_not_retried_after_the_connection_broke()
    {
        FailFirst(1, ResetAsync);
        var pod = new V1Pod { Metadata = new V1ObjectMeta { GenerateName = "web-", Namespace = "default" } };

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.CreateAsync(pod));

        Assert.Single(Posts());
        Assert.True(ApiErrors.IsTransient(error));
    }

    [Fact]
    public async Task A_fixed_name_create_is_retried_after_the_connection_broke_and_a_repeat_surfaces_AlreadyExists()
    {
        // The first attempt "was applied" (the object appears) but its answer is lost with the connection.
        FailFirst(1, async context =>
        {
            server.Put("v1", "pods", "default", JsonNode.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"default"}}""")!.AsObject());
            await ResetAsync(context);
        });

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => client.CreateAsync(NewPod("web-0")));

        Assert.Equal(2, Posts().Count);
        Assert.False(ApiErrors.IsTransient(error));
    }

    [Fact]
    public async Task A_server_that_keeps_answering_429_is_given_up_after_the_cap_with_the_typed_exception()
    {
        server.Intercept = async context =>
        {
            await RejectAsync(context, 429, "TooManyRequests", retryAfterSeconds: 1);
            return true;
        };

        var error = await Assert.ThrowsAsync<ServerErrorException>(() => client.CreateAsync(NewPod("web-0")));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.True(ApiErrors.IsTransient(error));
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(1 + new ClientRetryOptions().MaxRetries, Posts().Count);
    }

    [Fact]
    public async Task A_500_on_a_generateName_create_surfaces_at_once()
    {
        server.Intercept = async context =>
        {
            await RejectAsync(context, 500, "InternalError", retryAfterSeconds: 1);
            return true;
        };
        var pod = new V1Pod { Metadata = new V1ObjectMeta { GenerateName = "web-", Namespace = "default" } };

        await Assert.ThrowsAsync<ServerErrorException>(() => client.CreateAsync(pod));

        Assert.Single(Posts());
    }

    [Fact]
    public async Task Cancellation_during_a_Retry_After_wait_ends_the_call_without_another_attempt()
    {
        var manual = new ManualTimeProvider();
        using var waiting = CreateClient(manual);
        server.Intercept = async context =>
        {
            await RejectAsync(context, 429, "TooManyRequests", retryAfterSeconds: 30);
            return true;
        };
        using var cancel = new CancellationTokenSource();

        var call = waiting.GetAsync<V1Pod>("web-0", "default", cancel.Token);
        await Eventually.True(() => manual.PendingTimers > 0, "the client waits for Retry-After");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_5xx_from_behind_a_pod_proxy_is_the_pods_answer_and_not_retried()
    {
        server.Intercept = async context =>
        {
            await RejectAsync(context, 503, "ServiceUnavailable");
            return true;
        };

        await Assert.ThrowsAsync<ServerErrorException>(() => client.GetRawAsync("/api/v1/namespaces/default/pods/web-0:8080/proxy/visits"));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        server.Intercept = async context =>
        {
            await FakeApiServer.WriteStatusAsync(context, 403, "Forbidden", "pods is forbidden");
            return true;
        };

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => client.ListAsync<V1Pod>("default"));

        Assert.Single(server.Requests);
        Assert.False(ApiErrors.IsTransient(error));
    }

    private KubernetesClient CreateClient(TimeProvider clock) => new(
        new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), Namespace = "default", RequestTimeout = TimeSpan.FromSeconds(20) },
        KubernetesJson.Create(TestJsonContext.Default),
        timeProvider: clock);

    private void FailFirst(int count, Func<HttpContext, Task> fault)
    {
        var seen = 0;
        server.Intercept = async context =>
        {
            if (Interlocked.Increment(ref seen) > count)
            {
                return false;
            }

            await fault(context);
            return true;
        };
    }

    private List<RecordedRequest> Posts() => server.Requests.Where(r => r.Method == "POST").ToList();

    private static V1Pod NewPod(string name) => new() { Metadata = new V1ObjectMeta { Name = name, Namespace = "default" } };

    private static Task RejectAsync(HttpContext context, int code, string reason, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return FakeApiServer.WriteStatusAsync(context, code, reason, $"injected {code}");
    }

    private static Task ResetAsync(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }
}
