using System.Text;
using VisitCounter.CounterApp.Counting;
using VisitCounter.CounterApp.Metrics;

namespace VisitCounter.CounterApp.Tests.Http;

public sealed class MetricsTests
{
    [Fact]
    public void Histogram_buckets_are_cumulative_with_sum_and_count()
    {
        var histogram = new Histogram(0.1, 1);
        histogram.Observe(0.05);
        histogram.Observe(0.5);
        histogram.Observe(0.5);
        histogram.Observe(7);
        var output = new StringBuilder();

        histogram.WriteTo(output, "x", "route=\"/\"");

        Assert.Equal(
            "x_bucket{route=\"/\",le=\"0.1\"} 1\n" +
            "x_bucket{route=\"/\",le=\"1\"} 3\n" +
            "x_bucket{route=\"/\",le=\"+Inf\"} 4\n" +
            "x_sum{route=\"/\"} 8.05\n" +
            "x_count{route=\"/\"} 4\n",
            output.ToString());
    }

    [Fact]
    public void Observation_on_a_bound_falls_in_that_bucket()
    {
        var histogram = new Histogram(1, 2);
        histogram.Observe(1);
        var output = new StringBuilder();

        histogram.WriteTo(output, "x", string.Empty);

        Assert.Contains("x_bucket{le=\"1\"} 1\n", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("x_count 1\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Count_series_is_absent_when_the_count_is_unknown_and_readiness_is_zero()
    {
        var output = new StringBuilder();

        PrometheusText.WriteCounter(output, new CounterStatus(null, "corrupt"), "web-\"0\"");

        Assert.DoesNotContain("visitcounter_visits_total{", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("visitcounter_storage_ready{pod=\"web-\\\"0\\\"\"} 0\n", output.ToString(), StringComparison.Ordinal);
    }
}
