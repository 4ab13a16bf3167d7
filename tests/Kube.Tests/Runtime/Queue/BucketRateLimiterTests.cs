using VisitCounter.Kube.Runtime;
using VisitCounter.Kube.Runtime.Queue;
using VisitCounter.Kube.Tests.Runtime.Support;

namespace VisitCounter.Kube.Tests.Runtime.Queue;

public sealed class BucketRateLimiterTests
{
    private readonly ManualTimeProvider time = new();

    [Fact]
    public void After_the_burst_retries_are_spaced_at_the_rate_and_tokens_refill_over_time()
    {
        var bucket = new BucketRateLimiter<string>(qps: 10, burst: 3, time);

        var delays = Enumerable.Range(0, 5).Select(i => bucket.When($"k{i}").TotalMilliseconds).ToArray();

        Assert.Equal([0, 0, 0, 100, 200], delays);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, bucket.When("later"));
    }

    [Fact]
    public void The_default_limiter_is_per_key_exponential_until_many_keys_fail_at_once()
    {
        var limiter = DefaultRateLimiter.Create<ObjectKey>(time);
        var a = new ObjectKey("ns", "a");

        Assert.Equal([5, 10, 20], Enumerable.Range(0, 3).Select(_ => limiter.When(a).TotalMilliseconds));
        Assert.Equal(3, limiter.NumRequeues(a));
        limiter.Forget(a);
        Assert.Equal(0, limiter.NumRequeues(a));

        // 100 tokens are used up (3 above + 97 here); the next distinct key waits for the bucket, not 5 ms.
        for (var i = 0; i < 97; i++)
        {
            limiter.When(new ObjectKey("ns", $"k{i}"));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When(new ObjectKey("ns", "one-more")));
    }
}
