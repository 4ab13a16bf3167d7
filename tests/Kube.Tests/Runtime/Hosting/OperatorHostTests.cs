using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Kube.Runtime.Events;
using VisitCounter.Kube.Runtime.Hosting;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Tests.Runtime.Support;

namespace VisitCounter.Kube.Tests.Runtime.Hosting;

public sealed class OperatorHostTests
{
    private readonly FakeKubernetesClient client = new();
    private readonly CallLog log = new();

    public OperatorHostTests()
    {
        client.Seed(new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "web", Namespace = "shop" } });
        client.Seed(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-0",
                Namespace = "shop",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = "web", Uid = "u", Controller = true }],
            },
        });
    }

    [Fact]
    public async Task Starts_informers_reconciles_from_the_cache_reports_ready_and_stops()
    {
        using var host = BuildHost(o => o.Namespace = "shop");

        await host.StartAsync();
        await Eventually.True(() => !log.Calls.IsEmpty, "a reconcile");

        Assert.Equal("reconcile shop/web pods=1 token-cancelled=False", log.Calls.First());
        Assert.Contains("List V1StatefulSet shop", client.Calls);
        Assert.Contains("List V1Pod shop", client.Calls);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, OperatorHealth.ReadyTag)).Status);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, OperatorHealth.LiveTag)).Status);
        Assert.Same(host.Services.GetRequiredService<IEntityCache<V1Pod>>(), host.Services.GetRequiredService<IInformer<V1Pod>>());
        Assert.IsType<EventRecorder>(host.Services.GetRequiredService<IEventRecorder>());
        Assert.IsType<RestClientMetrics>(host.Services.GetRequiredService<IRestClientObserver>());
        var text = host.Services.GetRequiredService<MetricsRegistry>().Render();
        Assert.Contains("controller_runtime_reconcile_total{controller=\"statefulset\",result=\"success\"}", text, StringComparison.Ordinal);

        await host.StopAsync();
    }

    [Fact]
    public async Task Events_recorded_before_shutdown_are_written_when_the_host_stops()
    {
        using var host = BuildHost(o => o.Namespace = "shop");
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<IEventRecorder>();

        await recorder.RecordAsync(client.Peek<V1StatefulSet>("web", "shop")!, EventType.Normal, "LastWords", "stopping");
        await host.StopAsync();

        Assert.Contains(client.All<Corev1Event>(), e => e.Reason == "LastWords");

        // The host stopped the recorder: later events are not written by a writer nobody waits for.
        await recorder.RecordAsync(client.Peek<V1StatefulSet>("web", "shop")!, EventType.Normal, "TooLate", "stopped");
        Assert.Contains("event_recorder_dropped_total{reason=\"shutdown\"} 1", host.Services.GetRequiredService<MetricsRegistry>().Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watched_deletion_calls_DeletedAsync_once_with_the_last_state()
    {
        var deleted = new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "web", Namespace = "shop", ResourceVersion = "999", Uid = "uid-web" } };
        client.ScriptWatch(WatchScripts.Events<V1StatefulSet>(null, new WatchEvent<V1StatefulSet>(WatchEventType.Deleted, deleted)));
        using var host = BuildHost();

        await host.StartAsync();
        await Eventually.True(() => log.Calls.Any(c => c.StartsWith("deleted", StringComparison.Ordinal)), "DeletedAsync");
        await host.StopAsync();

        Assert.Equal(["deleted shop/web@999"], log.Calls.Where(c => c.StartsWith("deleted", StringComparison.Ordinal)));
        Assert.True(log.Calls.Count(c => c.StartsWith("reconcile", StringComparison.Ordinal)) <= 1);
    }

    [Fact]
    public async Task Is_not_ready_until_the_caches_sync_but_stays_live()
    {
        client.FailWhen = call => call.StartsWith("List V1Pod", StringComparison.Ordinal)
            ? FakeKubernetesClient.Error(HttpStatusCode.Forbidden, "Forbidden", "pods is forbidden")
            : null;
        using var host = BuildHost();

        await host.StartAsync();
        await Eventually.True(() => client.Calls.Any(c => c.StartsWith("List V1Pod", StringComparison.Ordinal)), "a pod list attempt");

        var ready = await CheckAsync(host, OperatorHealth.ReadyTag);
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Contains("V1Pod", ready.Entries.Single().Value.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, OperatorHealth.LiveTag)).Status);
        Assert.Empty(log.Calls);

        client.FailWhen = null;
        await Eventually.True(() => !log.Calls.IsEmpty, "reconcile after sync");
        await host.StopAsync();
    }

    [Fact]
    public async Task With_leader_election_reconciles_only_as_leader_and_releases_the_lease_on_shutdown()
    {
        using var host = BuildHost(o =>
        {
            o.LeaderElection.Enabled = true;
            o.LeaderElection.LeaseName = "test-leader";
            o.LeaderElection.LeaseNamespace = "ops";
            o.LeaderElection.Identity = "replica-1";
        });

        await host.StartAsync();
        await Eventually.True(() => !log.Calls.IsEmpty, "a reconcile as leader");

        Assert.Equal("replica-1", client.Peek<V1Lease>("test-leader", "ops")!.Spec!.HolderIdentity);
        Assert.True(host.Services.GetRequiredService<OperatorHealth>().IsLeader);
        Assert.Contains("leader_election_master_status{name=\"test-leader\"} 1", host.Services.GetRequiredService<MetricsRegistry>().Render(), StringComparison.Ordinal);

        await host.StopAsync();

        var spec = client.Peek<V1Lease>("test-leader", "ops")!.Spec!;
        Assert.Equal(string.Empty, spec.HolderIdentity);
        Assert.Equal(1, spec.LeaseDurationSeconds);
    }

    [Fact]
    public async Task A_replica_that_is_not_leader_does_not_reconcile_but_is_ready()
    {
        client.Seed(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "test-leader", Namespace = "ops" },
            Spec = new V1LeaseSpec { HolderIdentity = "other-replica", LeaseDurationSeconds = 15, RenewTime = DateTimeOffset.UtcNow },
        });
        using var host = BuildHost(o =>
        {
            o.LeaderElection.Enabled = true;
            o.LeaderElection.LeaseName = "test-leader";
            o.LeaderElection.LeaseNamespace = "ops";
        });

        await host.StartAsync();
        await Eventually.True(() => client.Calls.Contains("Get V1Lease ops/test-leader"), "a leadership attempt");
        await Eventually.True(() => host.Services.GetRequiredService<OperatorHealth>().CachesSynced, "caches synced");

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, OperatorHealth.ReadyTag)).Status);
        Assert.False(host.Services.GetRequiredService<OperatorHealth>().IsLeader);
        Assert.Empty(log.Calls);
        await host.StopAsync();
        Assert.Equal("other-replica", client.Peek<V1Lease>("test-leader", "ops")!.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task Shutdown_lets_a_reconcile_in_flight_finish_within_the_grace_period()
    {
        log.HoldReconcile = new TaskCompletionSource();
        using var host = BuildHost(o => o.GracefulShutdownTimeout = TimeSpan.FromMinutes(1));
        await host.StartAsync();
        await Eventually.True(() => log.Entered.Task.IsCompleted, "reconcile in flight");

        var stop = host.StopAsync();
        Assert.False(stop.IsCompleted);
        log.HoldReconcile.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("reconcile shop/web pods=1 token-cancelled=False", Assert.Single(log.Calls));
    }

    [Fact]
    public async Task Shutdown_cancels_a_reconcile_that_outlives_the_grace_period()
    {
        log.HoldReconcile = new TaskCompletionSource();
        using var host = BuildHost(o => o.GracefulShutdownTimeout = TimeSpan.Zero);
        await host.StartAsync();
        await Eventually.True(() => log.Entered.Task.IsCompleted, "reconcile in flight");

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("reconcile shop/web pods=1 token-cancelled=True", Assert.Single(log.Calls));
    }

    [Fact]
    public void Invalid_options_fail_at_registration_naming_the_option()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddKubernetesOperator(o => o.MaxConcurrentReconciles = 0));
        Assert.Contains("ManagerOptions.MaxConcurrentReconciles", error.Message, StringComparison.Ordinal);
        var leaderError = Assert.Throws<ArgumentException>(() => services.AddKubernetesOperator(o =>
        {
            o.LeaderElection.Enabled = true;
            o.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(20);
        }));
        Assert.Contains("LeaseDuration", leaderError.Message, StringComparison.Ordinal);
    }

    private IHost BuildHost(Action<ManagerOptions>? configure = null) => new HostBuilder()
        .ConfigureServices(services =>
        {
            services.AddLogging();
            services.AddSingleton<IKubernetesClient>(client);
            services.AddSingleton(log);
            services.AddKubernetesOperator(configure)
                .AddController<StatefulSetController, V1StatefulSet>(c => c.Owns<V1Pod>());
        })
        .Build();

    private static Task<HealthReport> CheckAsync(IHost host, string tag) =>
        host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(tag));

    /// <summary>Shared between the test and the scoped controller instances.</summary>
    public sealed class CallLog
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource? HoldReconcile { get; set; }
    }

    /// <summary>A controller using an injected cache of an owned kind, as the operator's controller does.</summary>
    public sealed class StatefulSetController(CallLog log, IEntityCache<V1Pod> pods) : IEntityController<V1StatefulSet>
    {
        public async Task<ReconciliationResult<V1StatefulSet>> ReconcileAsync(V1StatefulSet entity, CancellationToken cancellationToken)
        {
            log.Entered.TrySetResult();
            if (log.HoldReconcile is { } hold)
            {
                await Task.WhenAny(hold.Task, Task.Delay(Timeout.Infinite, cancellationToken));
            }

            log.Calls.Enqueue($"reconcile {entity.Metadata.Namespace}/{entity.Metadata.Name} pods={pods.List(entity.Metadata.Namespace).Count} token-cancelled={cancellationToken.IsCancellationRequested}");
            return ReconciliationResult<V1StatefulSet>.Success(entity);
        }

        public Task<ReconciliationResult<V1StatefulSet>> DeletedAsync(V1StatefulSet entity, CancellationToken cancellationToken)
        {
            log.Calls.Enqueue($"deleted {entity.Metadata.Namespace}/{entity.Metadata.Name}@{entity.Metadata.ResourceVersion}");
            return Task.FromResult(ReconciliationResult<V1StatefulSet>.Success(entity));
        }
    }
}
