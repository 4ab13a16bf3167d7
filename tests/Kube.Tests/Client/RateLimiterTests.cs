using VisitCounter.Kube.Client;
using VisitCounter.Kube.Client.RateLimiting;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;
using VisitCounter.Kube.Tests.Runtime.Support;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Client;

public sealed class RateLimiterTests
{
    private readonly ManualTimeProvider time = new();

    [Fact]
    public async Task Admits_the_burst_at_once_then_one_request_per_qps_interval()
    {
        var limiter = new ClientRateLimiter(qps: 2, burst: 3, time);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully, $"request {i + 1} is within the burst");
        }

        var fourth = limiter.WaitAsync(CancellationToken.None).AsTask();
        var fifth = limiter.WaitAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), await fourth);
        Assert.False(fifth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.FromSeconds(1), await fifth);
    }

    [Fact]
    public async Task The_bucket_refills_while_idle_but_never_above_the_burst()
    {
        var limiter = new ClientRateLimiter(qps: 1, burst: 2, time);
        await limiter.WaitAsync(CancellationToken.None);
        await limiter.WaitAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(limiter.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.True(limiter.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.False(limiter.WaitAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_gives_its_token_back()
    {
        var limiter = new ClientRateLimiter(qps: 1, burst: 1, time);
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var abandoned = limiter.WaitAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        // Without the returned token this wait would need 2 s.
        var next = limiter.WaitAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), await next.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_qps_that_cannot_work_is_rejected(double qps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientRateLimiter(qps, 1, time));
    }

    [Fact]
    public async Task The_client_sends_past_the_burst_only_when_the_limiter_admits_it()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = new KubernetesClient(
            new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), Namespace = "default", Qps = 1, Burst = 2 },
            KubernetesJson.Create(TestJsonContext.Default),
            timeProvider: time);

        await client.ListAsync<V1Pod>("default");
        await client.ListAsync<V1Pod>("default");
        var third = client.ListAsync<V1Pod>("default");
        await Eventually.True(() => time.PendingTimers > 0, "the third request waits for the rate limiter");
        Assert.Equal(2, server.Requests.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        await third;
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_negative_qps_switches_the_limit_off()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = new KubernetesClient(
            new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), Qps = -1, Burst = 1 },
            KubernetesJson.Create(TestJsonContext.Default),
            timeProvider: time);

        for (var i = 0; i < 5; i++)
        {
            await client.ListAsync<V1Pod>("default");
        }

        Assert.Equal(5, server.Requests.Count);
    }
}
