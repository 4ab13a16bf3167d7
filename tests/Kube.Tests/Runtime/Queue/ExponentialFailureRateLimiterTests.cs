using VisitCounter.Kube.Runtime;
using VisitCounter.Kube.Runtime.Queue;

namespace VisitCounter.Kube.Tests.Runtime.Queue;

public sealed class ExponentialFailureRateLimiterTests
{
    private static readonly ObjectKey Web = new("default", "web");

    [Fact]
    public void Delays_double_from_5ms_and_cap_at_1000s()
    {
        var limiter = new ExponentialFailureRateLimiter<ObjectKey>();

        var delays = Enumerable.Range(0, 40).Select(_ => limiter.When(Web)).ToList();

        Assert.Equal(
            [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560],
            delays.Take(10).Select(d => d.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(5 * Math.Pow(2, 17)), delays[17]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[18]);
        Assert.All(delays.Skip(18), d => Assert.Equal(TimeSpan.FromSeconds(1000), d));
        Assert.Equal(40, limiter.NumRequeues(Web));
    }

    [Fact]
    public void Forget_restarts_the_sequence_for_that_key_only()
    {
        var limiter = new ExponentialFailureRateLimiter<ObjectKey>();
        var other = new ObjectKey("default", "other");
        limiter.When(Web);
        limiter.When(Web);
        limiter.When(other);

        limiter.Forget(Web);

        Assert.Equal(0, limiter.NumRequeues(Web));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When(Web));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When(other));
    }

    [Fact]
    public void Thousands_of_failures_do_not_overflow()
    {
        var limiter = new ExponentialFailureRateLimiter<ObjectKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        TimeSpan last = default;
        for (var i = 0; i < 5000; i++)
        {
            last = limiter.When(Web);
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), last);
    }
}
