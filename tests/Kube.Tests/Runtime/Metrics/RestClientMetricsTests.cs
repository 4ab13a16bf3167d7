using Microsoft.AspNetCore.Http;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Client.Retries;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Serialization;
using VisitCounter.Kube.Tests.Client;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Runtime.Metrics;

public sealed class RestClientMetricsTests
{
    [Fact]
    public async Task Every_attempt_is_counted_by_code_method_and_host()
    {
        await using var server = await FakeApiServer.StartAsync();
        var registry = new MetricsRegistry();
        var metrics = new RestClientMetrics(registry);
        var rejected = 0;
        server.Intercept = async context =>
        {
            if (context.Request.Method != HttpMethods.Get || Interlocked.Increment(ref rejected) > 1)
            {
                return false;
            }

            context.Response.Headers.RetryAfter = "0";
            await FakeApiServer.WriteStatusAsync(context, 429, "TooManyRequests", "slow down");
            return true;
        };
        var configuration = new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), Namespace = "default" };
        using var client = new KubernetesClient(configuration, KubernetesJson.Create(TestJsonContext.Default), observer: metrics);

        await client.ListAsync<V1Pod>("default");
        await client.CreateAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "a" } });
        await client.GetAsync<V1Pod>("missing", "default");

        var host = server.BaseAddress.Authority;
        var text = registry.Render();
        Assert.Contains($"rest_client_requests_total{{code=\"429\",method=\"GET\",host=\"{host}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"rest_client_requests_total{{code=\"200\",method=\"GET\",host=\"{host}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"rest_client_requests_total{{code=\"201\",method=\"POST\",host=\"{host}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"rest_client_requests_total{{code=\"404\",method=\"GET\",host=\"{host}\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"rest_client_request_duration_seconds_count{{verb=\"GET\",host=\"{host}\"}} 3", text, StringComparison.Ordinal);
        Assert.Contains($"rest_client_rate_limiter_duration_seconds_count{{verb=\"POST\",host=\"{host}\"}} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attempt_without_an_answer_is_counted_as_error()
    {
        await using var server = await FakeApiServer.StartAsync();
        var registry = new MetricsRegistry();
        server.Intercept = context =>
        {
            context.Abort();
            return Task.FromResult(true);
        };
        var configuration = new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), Retry = ClientRetryOptions.None };
        using var client = new KubernetesClient(configuration, observer: new RestClientMetrics(registry));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.ListAsync<V1Pod>("default"));

        Assert.Contains($"rest_client_requests_total{{code=\"<error>\",method=\"GET\",host=\"{server.BaseAddress.Authority}\"}} 1", registry.Render(), StringComparison.Ordinal);
    }
}
