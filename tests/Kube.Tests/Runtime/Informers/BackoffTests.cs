using VisitCounter.Kube.Runtime.Informers;

namespace VisitCounter.Kube.Tests.Runtime.Informers;

public sealed class BackoffTests
{
    [Fact]
    public void Without_jitter_doubles_to_the_cap_and_resets()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), jitter: 0);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToArray();
        backoff.Reset();

        Assert.Equal([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000], delays);
        Assert.Equal(0, backoff.Failures);
        Assert.Equal(TimeSpan.FromMilliseconds(800), backoff.Next());
    }

    [Fact]
    public void Jitter_adds_at_most_the_given_fraction()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), jitter: 0.2, new Random(1));

        var delays = Enumerable.Range(0, 200).Select(_ => backoff.Next().TotalSeconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, 1.0, 1.2));
        Assert.True(delays.Distinct().Count() > 100, "jitter should spread the delays");
    }
}
