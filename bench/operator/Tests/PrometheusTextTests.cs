using VisitCounter.Bench.OperatorScale.Observation;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class PrometheusTextTests
{
    private const string Exposition = """
        # HELP controller_runtime_reconcile_total Total number of reconciliations per controller
        # TYPE controller_runtime_reconcile_total counter
        controller_runtime_reconcile_total{controller="visitcounterapp",result="success"} 120
        controller_runtime_reconcile_total{controller="visitcounterapp",result="error"} 3
        controller_runtime_reconcile_total{controller="visitcounterapp",result="requeue_after"} 1.5e1
        controller_runtime_reconcile_total_extra 1000
        controller_runtime_reconcile_errors_total{controller="visitcounterapp"} 3
        odd_total{path="/a\"b\\c",empty=""} 2
        """;

    [Fact]
    public void Sums_every_label_set_of_the_metric() =>
        Assert.Equal(138, PrometheusText.SumCounter(Exposition, "controller_runtime_reconcile_total"));

    [Fact]
    public void Absent_metric_is_zero() =>
        Assert.Equal(0, PrometheusText.SumCounter(Exposition, "workqueue_adds_total"));

    [Fact]
    public void Unlabelled_sample_is_read() =>
        Assert.Equal(1000, PrometheusText.SumCounter(Exposition, "controller_runtime_reconcile_total_extra"));

    [Fact]
    public void Samples_carry_their_labels()
    {
        var samples = PrometheusText.Samples(Exposition, "controller_runtime_reconcile_total").ToList();

        Assert.Equal(["success", "error", "requeue_after"], samples.Select(s => s.Label("result")));
        Assert.All(samples, s => Assert.Equal("visitcounterapp", s.Label("controller")));
        Assert.Equal(15, samples[2].Value);
    }

    [Fact]
    public void Label_values_are_unescaped_and_missing_labels_are_empty()
    {
        var sample = Assert.Single(PrometheusText.Samples(Exposition, "odd_total"));

        Assert.Equal("/a\"b\\c", sample.Label("path"));
        Assert.Equal(string.Empty, sample.Label("empty"));
        Assert.Equal(string.Empty, sample.Label("absent"));
    }
}
