using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;

namespace VisitCounter.LocalCluster.Tests.Workloads.Runtime;

/// <summary>The loop every keyed workload controller runs on, against the API server's store, with a reconciler that records its calls.</summary>
public sealed class ControllerLoopTests
{
    [Fact]
    public async Task An_object_of_its_own_kind_is_reconciled_as_the_store_has_it()
    {
        await using var run = await LoopRun.StartAsync(loop => loop.For(ResourceRef.ConfigMaps), (_, _) => null);

        await run.Cluster.Store.CreateAsync(ResourceRef.ConfigMaps, ConfigMap("a", data: "one"));

        await run.EventuallyAsync(() => run.Reconciled.Any(o => o.Name() == "a" && o["data"]?["value"]?.GetValue<string>() == "one"),
            "ConfigMap a to be reconciled with its data");
    }

    [Fact]
    public async Task A_change_to_an_owned_object_reconciles_its_controlling_owner()
    {
        await using var run = await LoopRun.StartAsync(loop => loop.For(ResourceRef.ConfigMaps).Owns(ResourceRef.Secrets), (_, _) => null);
        var owner = await run.Cluster.Store.CreateAsync(ResourceRef.ConfigMaps, ConfigMap("owner"));
        await run.EventuallyAsync(() => run.Reconciled.Count(o => o.Name() == "owner") == 1, "the owner's first reconcile");

        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = "owned",
                ["namespace"] = "default",
                ["ownerReferences"] = new JsonArray(OwnerReference.To(owner, controller: true, blockOwnerDeletion: true).ToJson()),
            },
        };
        await run.Cluster.Store.CreateAsync(ResourceRef.Secrets, secret);

        await run.EventuallyAsync(() => run.Reconciled.Count(o => o.Name() == "owner") == 2, "the owner to be reconciled for its secret");
        Assert.DoesNotContain(run.Reconciled, o => o.Name() == "owned");
    }

    [Fact]
    public async Task An_object_being_deleted_is_not_reconciled()
    {
        await using var run = await LoopRun.StartAsync(loop => loop.For(ResourceRef.ConfigMaps), (_, _) => null);
        var doomed = ConfigMap("doomed");
        doomed.Metadata()["finalizers"] = new JsonArray("example.com/hold");
        await run.Cluster.Store.CreateAsync(ResourceRef.ConfigMaps, doomed);
        await run.EventuallyAsync(() => run.Reconciled.Any(o => o.Name() == "doomed"), "the first reconcile");

        await run.Cluster.Store.DeleteAsync(ResourceRef.ConfigMaps, "default", "doomed");
        await run.Cluster.Store.CreateAsync(ResourceRef.ConfigMaps, ConfigMap("later"));

        // One worker takes keys in order: once the later object is reconciled, the deletion's key has been handled.
        await run.EventuallyAsync(() => run.Reconciled.Any(o => o.Name() == "later"), "the later object's reconcile");
        Assert.Single(run.Reconciled, o => o.Name() == "doomed");
        Assert.DoesNotContain(run.Reconciled, o => o.IsTerminating());
    }

    [Fact]
    public async Task A_conflict_is_retried_soon_without_an_error_log()
    {
        await using var run = await LoopRun.StartAsync(loop => loop.For(ResourceRef.ConfigMaps),
            (_, call) => call == 1 ? throw ApiException.Conflict(ResourceRef.ConfigMaps, "a", "the object has been modified") : null);

        await run.Cluster.Store.CreateAsync(ResourceRef.ConfigMaps, ConfigMap("a"));

        await run.EventuallyAsync(() => run.Reconciled.Count == 2, "the retry after the conflict");
        Assert.Contains(ControllerLoop.ConflictRetry, run.Clock.Delays);
        Assert.DoesNotContain(run.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Any_other_failure_is_logged_with_the_key_and_retried_after_a_second()
    {
        await using var run = await LoopRun.StartAsync(loop => loop.For(ResourceRef.ConfigMaps),
            (_, call) => call == 1 ? throw new InvalidOperationException("broken") : null);

        await run.Cluster.Store.CreateAsync(ResourceRef.ConfigMaps, ConfigMap("a"));

        await run.EventuallyAsync(() => run.Reconciled.Count == 2, "the retry after the failure");
        Assert.Contains(ControllerLoop.FailureRetry, run.Clock.Delays);
        var error = Assert.Single(run.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("Syncing ConfigMap default/a failed; retrying", error.Message);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task A_delay_the_reconciler_asks_for_brings_the_key_back()
    {
        var lookAgain = TimeSpan.FromMilliseconds(50);
        await using var run = await LoopRun.StartAsync(loop => loop.For(ResourceRef.ConfigMaps), (_, call) => call == 1 ? lookAgain : null);

        await run.Cluster.Store.CreateAsync(ResourceRef.ConfigMaps, ConfigMap("a"));

        await run.EventuallyAsync(() => run.Reconciled.Count == 2, "the second look");
        Assert.Contains(lookAgain, run.Clock.Delays);
    }

    [Fact]
    public async Task A_loop_without_its_own_resource_is_refused()
    {
        var loop = new ControllerLoop(
            new WorkloadContext(null!, "", TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance),
            "ConfigMap", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => loop.RunAsync((_, _) => Task.FromResult<TimeSpan?>(null), 1, CancellationToken.None));
        Assert.Contains("call For first", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject ConfigMap(string name, string data = "") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { ["value"] = data },
    };

    /// <summary>A loop with one worker over a cluster without workloads; the reconciler gets each object and its call number.</summary>
    private sealed class LoopRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _running = Task.CompletedTask;

        private LoopRun(TestCluster cluster) => Cluster = cluster;

        public TestCluster Cluster { get; }

        public DelayRecordingClock Clock { get; } = new();

        public RecordingLoggerProvider Logs { get; } = new();

        public ConcurrentQueue<JsonObject> Reconciled { get; } = new();

        public static async Task<LoopRun> StartAsync(Func<ControllerLoop, ControllerLoop> watch, Func<JsonObject, int, TimeSpan?> reconcile)
        {
            var run = new LoopRun(await TestCluster.StartAsync(workloads: false));
            var loggers = LoggerFactory.Create(b => b.AddProvider(run.Logs));
            var context = new WorkloadContext(run.Cluster.Store, run.Cluster.DataDirectory, run.Clock, loggers);
            var loop = watch(new ControllerLoop(context, "ConfigMap", loggers.CreateLogger<ControllerLoopTests>()));
            var calls = 0;
            run._running = loop.RunAsync((current, _) =>
            {
                run.Reconciled.Enqueue(current);
                return Task.FromResult(reconcile(current, Interlocked.Increment(ref calls)));
            }, workers: 1, run._stop.Token);
            return run;
        }

        public async Task EventuallyAsync(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; reconciled: {string.Join(", ", Reconciled.Select(o => o.Name()))}");
                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            _stop.Dispose();
            await Cluster.DisposeAsync();
        }
    }

    /// <summary>The system clock, remembering every timer delay asked of it (the work queue's requeues among them).</summary>
    private sealed class DelayRecordingClock : TimeProvider
    {
        public ConcurrentQueue<TimeSpan> Delays { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Delays.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));

        public void Dispose()
        {
        }
    }
}
