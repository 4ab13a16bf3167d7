using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.Queue;

/// <summary>The workqueue series of one named queue, resolved once so the hot path does no lookups.</summary>
internal sealed class WorkQueueMetrics(RuntimeMetrics metrics, string name)
{
    public Gauge Depth { get; } = metrics.QueueDepth.WithLabels(name);

    public Counter Adds { get; } = metrics.QueueAdds.WithLabels(name);

    public Counter Retries { get; } = metrics.QueueRetries.WithLabels(name);

    public Histogram QueueLatency { get; } = metrics.QueueLatency.WithLabels(name);

    public Histogram WorkDuration { get; } = metrics.WorkDuration.WithLabels(name);
}
