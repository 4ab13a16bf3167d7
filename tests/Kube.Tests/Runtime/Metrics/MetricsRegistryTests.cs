using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Tests.Runtime.Metrics;

public sealed class MetricsRegistryTests
{
    [Fact]
    public void Renders_counters_and_gauges_in_the_prometheus_text_format()
    {
        var registry = new MetricsRegistry();
        var reconciles = registry.Counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        var workers = registry.Gauge("controller_runtime_active_workers", "Number of currently used workers per controller", "controller");
        reconciles.WithLabels("vca", "success").Inc();
        reconciles.WithLabels("vca", "success").Inc();
        reconciles.WithLabels("vca", "error").Inc();
        workers.WithLabels("vca").Set(3);
        workers.WithLabels("vca").Dec();

        var text = registry.Render();

        Assert.Equal(
            """
            # HELP controller_runtime_active_workers Number of currently used workers per controller
            # TYPE controller_runtime_active_workers gauge
            controller_runtime_active_workers{controller="vca"} 2
            # HELP controller_runtime_reconcile_total Total number of reconciliations per controller
            # TYPE controller_runtime_reconcile_total counter
            controller_runtime_reconcile_total{controller="vca",result="error"} 1
            controller_runtime_reconcile_total{controller="vca",result="success"} 2

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Histograms_have_cumulative_buckets_inf_sum_and_count()
    {
        var registry = new MetricsRegistry();
        var histogram = registry.Histogram("request_seconds", "Request time", [0.1, 0.5, 1], "route");
        var series = histogram.WithLabels("/");
        series.Observe(0.05);
        series.Observe(0.1);
        series.Observe(0.7);
        series.Observe(4);

        var text = registry.Render();

        Assert.Contains(
            """
            # TYPE request_seconds histogram
            request_seconds_bucket{route="/",le="0.1"} 2
            request_seconds_bucket{route="/",le="0.5"} 2
            request_seconds_bucket{route="/",le="1"} 3
            request_seconds_bucket{route="/",le="+Inf"} 4
            request_seconds_sum{route="/"} 4.85
            request_seconds_count{route="/"} 4

            """.ReplaceLineEndings("\n"),
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        var registry = new MetricsRegistry();
        registry.Counter("escapes_total", "Help with \\ and\nnewline", "value").WithLabels("a\"b\\c\nd").Inc();

        var text = registry.Render();

        Assert.Contains("# HELP escapes_total Help with \\\\ and\\nnewline\n", text, StringComparison.Ordinal);
        Assert.Contains("escapes_total{value=\"a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_without_labels_render_without_braces()
    {
        var registry = new MetricsRegistry();
        registry.Gauge("up", "Whether the process is up").WithLabels().Set(1);

        Assert.Contains("\nup 1\n", registry.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_the_same_name_returns_the_same_family_and_a_type_clash_is_an_error()
    {
        var registry = new MetricsRegistry();
        var first = registry.Counter("x_total", "x", "a");

        Assert.Same(first, registry.Counter("x_total", "x", "a"));
        var error = Assert.Throws<InvalidOperationException>(() => registry.Gauge("x_total", "x", "a"));
        Assert.Contains("counter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_label_count_and_invalid_names_are_rejected_with_the_reason()
    {
        var registry = new MetricsRegistry();
        var family = registry.Counter("y_total", "y", "controller", "result");

        var wrongCount = Assert.Throws<ArgumentException>(() => family.WithLabels("only-one"));
        Assert.Contains("controller, result", wrongCount.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => registry.Counter("bad-name", "z"));
        Assert.Throws<ArgumentException>(() => registry.Counter("ok_total", "z", "bad label"));
        Assert.Throws<ArgumentOutOfRangeException>(() => family.WithLabels("a", "b").Inc(-1));
    }

    [Fact]
    public void Runtime_metrics_use_controller_runtime_names()
    {
        var metrics = new RuntimeMetrics(new MetricsRegistry());
        metrics.ReconcileTotal.WithLabels("c", RuntimeMetrics.ResultRequeueAfter).Inc();
        metrics.ReconcileTime.WithLabels("c").Observe(0.02);
        metrics.LeaderElectionStatus.WithLabels("lease").Set(1);

        var text = metrics.Render();

        Assert.Contains("controller_runtime_reconcile_total{controller=\"c\",result=\"requeue_after\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_time_seconds_bucket{controller=\"c\",le=\"0.025\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_time_seconds_bucket{controller=\"c\",le=\"0.01\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("leader_election_master_status{name=\"lease\"} 1", text, StringComparison.Ordinal);
        foreach (var name in new[]
        {
            "controller_runtime_reconcile_errors_total", "controller_runtime_max_concurrent_reconciles", "workqueue_depth",
            "workqueue_adds_total", "workqueue_retries_total", "workqueue_queue_duration_seconds", "workqueue_work_duration_seconds",
        })
        {
            Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal);
        }
    }
}
