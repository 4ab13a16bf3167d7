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
}
