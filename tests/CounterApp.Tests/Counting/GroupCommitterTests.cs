using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.CounterApp.Counting;
using VisitCounter.CounterApp.Metrics;
using VisitCounter.CounterApp.Tests.Support;

namespace VisitCounter.CounterApp.Tests.Counting;

public sealed class GroupCommitterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_visit_is_answered_with_the_next_number_only_after_it_is_written()
    {
        var store = new RecordingStore();
        await using GroupCommitter committer = Create(store, committed: 41);
        store.Gate.Reset();

        Task<long> visit = committer.RecordVisitAsync(CancellationToken.None).AsTask();
        await WaitUntil(() => store.LastWritten == 42);
        await Task.Delay(50);
        Assert.False(visit.IsCompleted);
        Assert.Equal(41, committer.Status.Visits);

        store.Gate.Set();
        Assert.Equal(42, await visit.WaitAsync(Patience));
        Assert.Equal([42L], store.Writes);
        Assert.Equal(42, store.Durable);
        Assert.Equal(42, committer.Status.Visits);
    }

    [Fact]
    public async Task Visits_arriving_during_a_write_share_the_next_write()
    {
        var store = new RecordingStore();
        await using GroupCommitter committer = Create(store, committed: 0);
        store.Gate.Reset();

        // While every writer is held in a flush, the remaining visits pile up in one open batch.
        var waiting = new List<Task<long>>();
        for (int writer = 0; writer < GroupCommitter.DefaultWriters; writer++)
        {
            waiting.Add(committer.RecordVisitAsync(CancellationToken.None).AsTask());
            await WaitUntil(() => store.Writes.Count == waiting.Count);
        }

        waiting.AddRange(Enumerable.Range(0, 100 - waiting.Count).Select(_ => committer.RecordVisitAsync(CancellationToken.None).AsTask()));
        await Task.Delay(50);
        Assert.Equal(GroupCommitter.DefaultWriters, store.Writes.Count);
        store.Gate.Set();
        long[] numbers = await Task.WhenAll(waiting).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), numbers.Order());
        Assert.Equal(GroupCommitter.DefaultWriters + 1, store.Writes.Count);
        Assert.Equal(100, store.Durable);
    }

    [Fact]
    public async Task Concurrent_visits_get_unique_contiguous_numbers()
    {
        var store = new RecordingStore();
        await using GroupCommitter committer = Create(store, committed: 1000);

        long[] numbers = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            var mine = new List<long>();
            for (int i = 0; i < 250; i++)
            {
                mine.Add(await committer.RecordVisitAsync(CancellationToken.None));
            }

            return mine;
        })).ContinueWith(t => t.Result.SelectMany(n => n).ToArray(), TaskScheduler.Default).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1001, 8000).Select(n => (long)n), numbers.Order());
        Assert.Equal(9000, store.Durable);
        Assert.Equal(store.Writes.Order(), store.Writes);
        Assert.True(store.Writes.Count < 8000, $"no batching: {store.Writes.Count} writes for 8000 visits");
    }

    [Fact]
    public async Task Failed_write_refuses_the_batch_keeps_the_count_and_later_visits_reuse_the_numbers()
    {
        var store = new RecordingStore();
        await using GroupCommitter committer = Create(store, committed: 10);
        store.FailWith(new IOException("No space left on device"));

        StorageUnavailableException refused = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => committer.RecordVisitAsync(CancellationToken.None).AsTask().WaitAsync(Patience));

        Assert.Contains("No space left on device", refused.Message, StringComparison.Ordinal);
        Assert.False(committer.Status.IsHealthy);
        Assert.Equal(10, committer.Status.Visits);
        Assert.Contains("No space left on device", committer.Status.Problem, StringComparison.Ordinal);

        store.FailWith(null);
        Assert.Equal(11, await committer.RecordVisitAsync(CancellationToken.None).AsTask().WaitAsync(Patience));
        Assert.True(committer.Status.IsHealthy);
    }

    [Fact]
    public async Task Probe_flushes_the_current_count_and_reports_storage_health()
    {
        var store = new RecordingStore();
        await using GroupCommitter committer = Create(store, committed: 7);

        Assert.True((await committer.ProbeAsync(CancellationToken.None).WaitAsync(Patience)).IsHealthy);
        Assert.Equal([7L], store.Writes);
        Assert.Equal(1, store.Flushes);

        store.FailWith(new IOException("Read-only file system"));
        CounterStatus failed = await committer.ProbeAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.False(failed.IsHealthy);
        Assert.Contains("Read-only file system", failed.Problem, StringComparison.Ordinal);

        store.FailWith(null);
        Assert.True((await committer.ProbeAsync(CancellationToken.None).WaitAsync(Patience)).IsHealthy);
        Assert.Equal(7, committer.Status.Visits);
    }

    [Fact]
    public async Task Dispose_commits_visits_already_taken_then_refuses_new_ones()
    {
        var store = new RecordingStore();
        GroupCommitter committer = Create(store, committed: 0);
        store.Gate.Reset();
        Task<long>[] inFlight = [.. Enumerable.Range(0, 20).Select(_ => committer.RecordVisitAsync(CancellationToken.None).AsTask())];

        ValueTask disposing = committer.DisposeAsync();
        store.Gate.Set();
        await disposing.AsTask().WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), (await Task.WhenAll(inFlight)).Order());
        Assert.Equal(20, store.Durable);
        Assert.True(store.Disposed);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => committer.RecordVisitAsync(CancellationToken.None).AsTask());
        Assert.False(committer.Status.IsHealthy);
    }

    [Fact]
    public async Task Every_answered_number_is_durable_and_a_failed_flush_refuses_all_batches_in_flight()
    {
        var store = new RecordingStore();
        await using GroupCommitter committer = Create(store, committed: 0);
        store.Gate.Reset();
        var inFlight = new List<Task<long>>();
        for (int writer = 0; writer < GroupCommitter.DefaultWriters; writer++)
        {
            inFlight.Add(committer.RecordVisitAsync(CancellationToken.None).AsTask());
            await WaitUntil(() => store.Writes.Count == inFlight.Count);
        }

        store.FailWith(new IOException("Input/output error"));
        store.Gate.Set();
        foreach (Task<long> visit in inFlight)
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => visit.WaitAsync(Patience));
        }

        Assert.Equal(0, committer.Status.Visits);
        store.FailWith(null);
        long[] after = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => committer.RecordVisitAsync(CancellationToken.None).AsTask())).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), after.Order());
        Assert.Equal(10, store.Durable);
        Assert.Equal(10, committer.Status.Visits);
    }

    private static GroupCommitter Create(RecordingStore store, long committed) =>
        new(store, committed, new CommitMetrics(), NullLogger<GroupCommitter>.Instance);

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
