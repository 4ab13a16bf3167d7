using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Kube.Runtime.Metrics;
using P = VisitCounter.Kube.Runtime.Predicates.Predicates;
using VisitCounter.Kube.Tests.Runtime.Support;
using static VisitCounter.Kube.Tests.Runtime.Support.WatchScripts;

namespace VisitCounter.Kube.Tests.Runtime.Controllers;

public sealed class ControllerTests : IDisposable
{
    private static readonly ObjectKey A = new("ns", "a");
    private readonly InMemoryInformer<V1Pod> informer = new();
    private readonly ScriptedController<V1Pod> scripted = new();
    private readonly ManualTimeProvider time = new();
    private readonly RuntimeMetrics metrics = new(new MetricsRegistry());
    private readonly ServiceProvider services;

    public ControllerTests()
    {
        services = new ServiceCollection().AddSingleton<IEntityController<V1Pod>>(scripted).BuildServiceProvider();
    }

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Informer_events_enqueue_the_object_and_reconcile_reads_the_cached_state()
    {
        var controller = CreateController();
        informer.Set(Pod("a", "1"));
        informer.Set(Pod("a", "2"));

        Assert.Equal(1, controller.Queue.Count);
        await ProcessNext(controller);

        Assert.Equal(["reconcile ns/a@2"], scripted.Calls);
        Assert.Equal(1, metrics.ReconcileTotal.WithLabels("pods", "success").Value);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task Failure_is_requeued_with_exponential_backoff_and_success_resets_it()
    {
        var controller = CreateController();
        var failuresLeft = 3;
        scripted.OnReconcile = (pod, _) => Task.FromResult(failuresLeft-- > 0
            ? ReconciliationResult<V1Pod>.Failure(pod, "children not ready")
            : ReconciliationResult<V1Pod>.Success(pod));
        informer.Set(Pod("a", "1"));
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 3; i++)
        {
            await ProcessNext(controller);
            Assert.Equal(0, controller.Queue.Count);
            delays.Add(time.NextDue!.Value - time.GetUtcNow());
            time.Advance(delays[^1]);
        }

        await ProcessNext(controller);

        Assert.Equal([5, 10, 20], delays.Select(d => d.TotalMilliseconds));
        Assert.Equal(0, controller.Queue.NumRequeues(A));
        Assert.Equal(3, metrics.ReconcileErrors.WithLabels("pods").Value);
        Assert.Equal(3, metrics.ReconcileTotal.WithLabels("pods", "error").Value);
        Assert.Equal(1, metrics.ReconcileTotal.WithLabels("pods", "success").Value);
        Assert.Equal(3, metrics.QueueRetries.WithLabels("pods").Value);
    }

    [Fact]
    public async Task An_exception_from_the_controller_counts_as_a_failure()
    {
        var controller = CreateController();
        scripted.OnReconcile = (_, _) => throw new InvalidOperationException("bug");
        informer.Set(Pod("a", "1"));

        await ProcessNext(controller);

        Assert.Equal(1, controller.Queue.NumRequeues(A));
        Assert.Equal(TimeSpan.FromMilliseconds(5), time.NextDue!.Value - time.GetUtcNow());
        Assert.Equal(1, metrics.ReconcileErrors.WithLabels("pods").Value);
        Assert.Equal(0, metrics.ActiveWorkers.WithLabels("pods").Value);
    }

    [Fact]
    public async Task Success_with_RequeueAfter_forgets_the_backoff_and_comes_back_after_exactly_that_delay()
    {
        var controller = CreateController();
        var calls = 0;
        scripted.OnReconcile = (pod, _) => Task.FromResult(calls++ == 0
            ? ReconciliationResult<V1Pod>.Failure(pod, "x")
            : ReconciliationResult<V1Pod>.Success(pod, TimeSpan.FromSeconds(30)));
        informer.Set(Pod("a", "1"));
        await ProcessNext(controller);
        time.Advance(TimeSpan.FromMilliseconds(5));

        await ProcessNext(controller);

        Assert.Equal(0, controller.Queue.NumRequeues(A));
        Assert.Equal(TimeSpan.FromSeconds(30), time.NextDue!.Value - time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, controller.Queue.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, controller.Queue.Count);
        Assert.Equal(1, metrics.ReconcileTotal.WithLabels("pods", "requeue_after").Value);
    }

    [Fact]
    public async Task Failure_with_RequeueAfter_uses_that_delay_instead_of_the_backoff()
    {
        var controller = CreateController();
        scripted.OnReconcile = (pod, _) => Task.FromResult(ReconciliationResult<V1Pod>.Failure(pod, "quota", requeueAfter: TimeSpan.FromMinutes(2)));
        informer.Set(Pod("a", "1"));

        await ProcessNext(controller);

        Assert.Equal(TimeSpan.FromMinutes(2), time.NextDue!.Value - time.GetUtcNow());
        Assert.Equal(1, metrics.ReconcileErrors.WithLabels("pods").Value);
    }

    [Fact]
    public async Task A_deleted_object_gets_DeletedAsync_once_with_its_last_state_and_nothing_else()
    {
        var controller = CreateController();
        informer.Set(Pod("a", "1"));
        await ProcessNext(controller);
        informer.Set(Pod("a", "2"));
        informer.Delete("a", "ns");

        await ProcessNext(controller);
        informer.Delete("a", "ns");
        controller.Queue.Add(A);
        await ProcessNext(controller);

        Assert.Equal(["reconcile ns/a@1", "deleted ns/a@2"], scripted.Calls);
    }

    [Fact]
    public async Task A_failed_DeletedAsync_is_retried_until_it_succeeds()
    {
        var controller = CreateController();
        var attempts = 0;
        scripted.OnDeleted = (pod, _) => Task.FromResult(attempts++ == 0
            ? ReconciliationResult<V1Pod>.Failure(pod, "cleanup failed")
            : ReconciliationResult<V1Pod>.Success(pod));
        informer.Set(Pod("a", "1"));
        informer.Delete("a", "ns");

        await ProcessNext(controller);
        time.Advance(TimeSpan.FromMilliseconds(5));
        await ProcessNext(controller);
        controller.Queue.Add(A);
        await ProcessNext(controller);

        Assert.Equal(["deleted ns/a@1", "deleted ns/a@1"], scripted.Calls);
    }

    [Fact]
    public async Task Deleted_and_recreated_under_the_same_name_handles_the_old_object_then_reconciles_the_new()
    {
        var controller = CreateController();
        informer.Set(Pod("a", "1"));
        informer.Delete("a", "ns");
        var recreated = Pod("a", "5");
        recreated.Metadata.Uid = "uid-new";
        informer.Set(recreated);

        await ProcessNext(controller);

        Assert.Equal(["deleted ns/a@1", "reconcile ns/a@5"], scripted.Calls);
    }

    [Fact]
    public async Task An_object_that_reappears_with_the_same_uid_is_reconciled_not_reported_deleted()
    {
        var controller = CreateController();
        informer.Set(Pod("a", "1"));
        informer.Delete("a", "ns");
        informer.Set(Pod("a", "3"));

        await ProcessNext(controller);
        informer.Delete("a", "ns");
        await ProcessNext(controller);

        Assert.Equal(["reconcile ns/a@3", "deleted ns/a@3"], scripted.Calls);
    }

    [Fact]
    public async Task One_object_is_never_reconciled_twice_at_once_and_its_change_is_picked_up_afterwards()
    {
        var controller = CreateController(maxConcurrent: 4);
        var firstEntered = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        scripted.OnReconcile = async (pod, _) =>
        {
            if (pod.Metadata.ResourceVersion == "1")
            {
                firstEntered.SetResult();
                await releaseFirst.Task;
            }

            return ReconciliationResult<V1Pod>.Success(pod);
        };
        informer.Set(Pod("a", "1"));
        using var stop = new CancellationTokenSource();
        var run = controller.RunAsync(stop.Token, CancellationToken.None);
        await firstEntered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        informer.Set(Pod("a", "2"));
        informer.Set(Pod("a", "3"));
        Assert.Equal(0, controller.Queue.Count);
        Assert.Equal(["reconcile ns/a@1"], scripted.Calls);

        releaseFirst.SetResult();
        await Eventually.True(() => scripted.Calls.Count == 2, "the held-back change to be reconciled");

        Assert.Equal(["reconcile ns/a@1", "reconcile ns/a@3"], scripted.Calls);
        Assert.Equal(1, scripted.MaxInFlightForOneKey);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task At_most_MaxConcurrentReconciles_run_in_parallel()
    {
        var controller = CreateController(maxConcurrent: 3);
        var gate = new SemaphoreSlim(0);
        scripted.OnReconcile = async (pod, _) =>
        {
            await gate.WaitAsync(CancellationToken.None);
            return ReconciliationResult<V1Pod>.Success(pod);
        };
        for (var i = 0; i < 10; i++)
        {
            informer.Set(Pod($"p{i}", "1"));
        }

        using var stop = new CancellationTokenSource();
        var run = controller.RunAsync(stop.Token, CancellationToken.None);
        await Eventually.True(() => scripted.Calls.Count == 3, "three reconciles in flight");
        Assert.Equal(3, metrics.ActiveWorkers.WithLabels("pods").Value);
        gate.Release(10);
        await Eventually.True(() => metrics.ReconcileTotal.WithLabels("pods", "success").Value == 10, "all ten reconciled");

        Assert.Equal(3, scripted.MaxInFlight);
        Assert.Equal(3, metrics.MaxConcurrentReconciles.WithLabels("pods").Value);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, metrics.ActiveWorkers.WithLabels("pods").Value);
    }

    [Fact]
    public async Task Abort_cancels_reconciles_in_flight_and_keeps_their_keys_for_later_without_counting_errors()
    {
        var controller = CreateController();
        var entered = new TaskCompletionSource();
        scripted.OnReconcile = async (pod, token) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return ReconciliationResult<V1Pod>.Success(pod);
        };
        informer.Set(Pod("a", "1"));
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        var run = controller.RunAsync(stop.Token, abort.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await stop.CancelAsync();
        await abort.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, controller.Queue.Count);
        Assert.Equal(0, metrics.ReconcileErrors.WithLabels("pods").Value);
    }

    [Fact]
    public async Task A_stopped_controller_runs_again_with_the_keys_queued_meanwhile()
    {
        var controller = CreateController();
        informer.Set(Pod("a", "1"));
        using (var first = new CancellationTokenSource())
        {
            var run = controller.RunAsync(first.Token, CancellationToken.None);
            await Eventually.True(() => scripted.Calls.Count == 1, "first reconcile");
            await first.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(20));
        }

        informer.Set(Pod("b", "1"));
        Assert.Equal(1, controller.Queue.Count);
        using var second = new CancellationTokenSource();
        var again = controller.RunAsync(second.Token, CancellationToken.None);
        await Eventually.True(() => scripted.Calls.Count == 2, "reconcile after restart");

        Assert.Equal(["reconcile ns/a@1", "reconcile ns/b@1"], scripted.Calls);
        await second.CancelAsync();
        await again.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Resync_enqueues_every_cached_object_each_period()
    {
        var controller = CreateController(resync: TimeSpan.FromHours(10));
        informer.Set(Pod("a", "1"));
        informer.Set(Pod("b", "1"));
        using var stop = new CancellationTokenSource();
        var run = controller.RunAsync(stop.Token, CancellationToken.None);
        await Eventually.True(() => scripted.Calls.Count == 2, "initial reconciles");

        await Eventually.True(() => time.PendingTimers == 1, "the resync timer");
        time.Advance(TimeSpan.FromHours(10));
        await Eventually.True(() => scripted.Calls.Count == 4, "resync reconciles");

        Assert.Equal(["reconcile ns/a@1", "reconcile ns/b@1"], scripted.Calls.Skip(2).Order());
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_event_filter_drops_status_only_updates_of_the_primary_kind()
    {
        var controller = CreateController();
        controller.AddEventFilter(P.GenerationChanged<V1Pod>());
        var pod = Pod("a", "1");
        pod.Metadata.Generation = 1;
        informer.Set(pod);
        await ProcessNext(controller);

        var statusOnly = Pod("a", "2");
        statusOnly.Metadata.Generation = 1;
        informer.Set(statusOnly);
        Assert.Equal(0, controller.Queue.Count);

        var specChange = Pod("a", "3");
        specChange.Metadata.Generation = 2;
        informer.Set(specChange);
        Assert.Equal(1, controller.Queue.Count);
    }

    [Fact]
    public void Watches_enqueues_the_keys_a_related_object_maps_to_before_and_after_a_change()
    {
        var controller = CreateController();
        var others = new InMemoryInformer<V1Service>();
        controller.Watches<V1Service>(others, s => s.Metadata.Labels?.TryGetValue("app", out var app) == true ? [new ObjectKey(s.Metadata.Namespace, app)] : []);

        others.Set(new V1Service { Metadata = new V1ObjectMeta { Name = "s", Namespace = "ns", Labels = new Dictionary<string, string> { ["app"] = "a" } } });
        Assert.Equal(1, controller.Queue.Count);

        others.Set(new V1Service { Metadata = new V1ObjectMeta { Name = "s", Namespace = "ns", Labels = new Dictionary<string, string> { ["app"] = "b" } } });
        Assert.Equal(2, controller.Queue.Count);
    }

    [Fact]
    public async Task A_transient_failure_honours_its_retry_after_and_counts_as_requeue_not_error()
    {
        var controller = CreateController();
        scripted.OnReconcile = (pod, _) => Task.FromResult(ReconciliationResult<V1Pod>.Retry(pod, "429 TooManyRequests", retryAfter: TimeSpan.FromSeconds(3)));
        informer.Set(Pod("a", "1"));

        await ProcessNext(controller);

        Assert.Equal(TimeSpan.FromSeconds(3), time.NextDue!.Value - time.GetUtcNow());
        Assert.Equal(0, metrics.ReconcileErrors.WithLabels("pods").Value);
        Assert.Equal(1, metrics.ReconcileTotal.WithLabels("pods", "requeue").Value);
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => CreateController(maxConcurrent: 0));
        Assert.Contains("MaxConcurrentReconciles", error.Message, StringComparison.Ordinal);
    }

    private Controller<V1Pod> CreateController(int maxConcurrent = 1, TimeSpan? resync = null) => new(
        new ControllerOptions { Name = "pods", MaxConcurrentReconciles = maxConcurrent, ResyncPeriod = resync },
        informer,
        services.GetRequiredService<IServiceScopeFactory>(),
        sp => sp.GetRequiredService<IEntityController<V1Pod>>(),
        metrics,
        NullLogger.Instance,
        time);

    private static async Task ProcessNext(Controller<V1Pod> controller)
    {
        var key = await controller.Queue.GetAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        try
        {
            await controller.ProcessAsync(key!.Value, CancellationToken.None);
        }
        finally
        {
            controller.Queue.Done(key!.Value);
        }
    }
}
