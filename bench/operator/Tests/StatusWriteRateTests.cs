using VisitCounter.Bench.OperatorScale.Reporting;
using VisitCounter.Bench.OperatorScale.Scenario;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class StatusWriteRateTests
{
    [Fact]
    public void Writes_are_divided_by_the_intervals_of_the_window()
    {
        var writes = new Dictionary<string, long> { ["a"] = 6, ["b"] = 9 };

        var rates = StatusWriteRate.PerInterval(writes, ["a", "b", "c"], TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10));

        Assert.Equal([1.0, 1.5, 0.0], rates);
    }

    [Fact]
    public void Since_keeps_only_apps_that_wrote_in_the_window()
    {
        var before = new Dictionary<string, long> { ["a"] = 3, ["b"] = 5 };
        var now = new Dictionary<string, long> { ["a"] = 3, ["b"] = 8, ["c"] = 1 };

        var window = StatusWriteRate.Since(now, before);

        Assert.Equal(new Dictionary<string, long> { ["b"] = 3, ["c"] = 1 }, window);
    }

    [Fact]
    public void A_zero_interval_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusWriteRate.PerInterval(new Dictionary<string, long>(), [], TimeSpan.FromSeconds(60), TimeSpan.Zero));

    [Theory]
    [InlineData(new double[] { }, 0)]
    [InlineData(new double[] { 7 }, 7)]
    [InlineData(new double[] { 9, 1, 5 }, 5)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    public void Median_of_runs(double[] values, double median) =>
        Assert.Equal(median, Median.Of(values));
}
