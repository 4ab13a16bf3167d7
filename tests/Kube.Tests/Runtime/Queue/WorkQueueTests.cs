using VisitCounter.Kube.Runtime;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Runtime.Queue;
using VisitCounter.Kube.Tests.Runtime.Support;

namespace VisitCounter.Kube.Tests.Runtime.Queue;

public sealed class WorkQueueTests
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");
    private readonly ManualTimeProvider time = new();

    [Fact]
    public async Task Adding_a_queued_key_again_does_not_duplicate_it()
    {
        using var queue = new WorkQueue("test", time: time);

        queue.Add(A);
        queue.Add(B);
        queue.Add(A);

        Assert.Equal(2, queue.Count);
        Assert.Equal(A, await queue.GetAsync(CancellationToken.None));
        Assert.Equal(B, await queue.GetAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_held_back_until_Done()
    {
        using var queue = new WorkQueue("test", time: time);
        queue.Add(A);
        var first = await queue.GetAsync(CancellationToken.None);

        queue.Add(A);
        queue.Add(A);

        Assert.Equal(0, queue.Count);
        var second = queue.GetAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        queue.Done(first!.Value);

        Assert.Equal(A, await second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Done_for_a_key_not_in_process_is_a_programming_error()
    {
        using var queue = new WorkQueue("test", time: time);

        var error = Assert.Throws<InvalidOperationException>(() => queue.Done(A));
        Assert.Contains("ns/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAfter_queues_only_once_the_delay_has_passed()
    {
        using var queue = new WorkQueue("test", time: time);

        queue.AddAfter(A, TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(A, await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public void AddAfter_keeps_the_earliest_due_time_for_a_key()
    {
        using var queue = new WorkQueue("test", time: time);

        queue.AddAfter(A, TimeSpan.FromSeconds(60));
        queue.AddAfter(A, TimeSpan.FromSeconds(10));
        queue.AddAfter(A, TimeSpan.FromSeconds(45));

        Assert.Equal(1, time.PendingTimers);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void AddAfter_with_zero_delay_adds_at_once()
    {
        using var queue = new WorkQueue("test", time: time);

        queue.AddAfter(A, TimeSpan.Zero);

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task AddRateLimited_backs_off_exponentially_and_Forget_resets()
    {
        using var queue = new WorkQueue("test", time: time);
        var observed = new List<TimeSpan>();

        for (var i = 0; i < 4; i++)
        {
            var before = time.GetUtcNow();
            queue.AddRateLimited(A);
            observed.Add(time.NextDue!.Value - before);
            time.Advance(observed[^1]);
            var key = await queue.GetAsync(CancellationToken.None);
            queue.Done(key!.Value);
        }

        Assert.Equal([5, 10, 20, 40], observed.Select(d => d.TotalMilliseconds));
        Assert.Equal(4, queue.NumRequeues(A));

        queue.Forget(A);
        var start = time.GetUtcNow();
        queue.AddRateLimited(A);
        Assert.Equal(TimeSpan.FromMilliseconds(5), time.NextDue!.Value - start);
    }

    [Fact]
    public async Task ShutDown_wakes_waiting_workers_with_null_and_ignores_later_adds()
    {
        using var queue = new WorkQueue("test", time: time);
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.AddAfter(B, TimeSpan.FromSeconds(5));

        queue.ShutDown();
        queue.Add(A);

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(await queue.GetAsync(CancellationToken.None));
        Assert.Equal(0, time.PendingTimers);
        Assert.True(queue.IsShuttingDown);
    }

    [Fact]
    public async Task GetAsync_honours_the_callers_cancellation()
    {
        using var queue = new WorkQueue("test", time: time);
        using var cts = new CancellationTokenSource();
        var waiting = queue.GetAsync(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Reports_workqueue_metrics_under_its_name()
    {
        var registry = new MetricsRegistry();
        var metrics = new RuntimeMetrics(registry);
        using var queue = new WorkQueue("widgets", time: time, metrics: metrics);

        queue.Add(A);
        queue.Add(A);
        queue.Add(B);
        time.Advance(TimeSpan.FromMilliseconds(250));
        var key = await queue.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        queue.Done(key!.Value);
        queue.AddRateLimited(A);

        Assert.Equal(3, metrics.QueueAdds.WithLabels("widgets").Value);
        Assert.Equal(1, metrics.QueueDepth.WithLabels("widgets").Value);
        Assert.Equal(1, metrics.QueueRetries.WithLabels("widgets").Value);
        Assert.Equal(0.25, metrics.QueueLatency.WithLabels("widgets").Sum, 6);
        Assert.Equal(2.0, metrics.WorkDuration.WithLabels("widgets").Sum, 6);
    }
}
