using System.Text.Json.Nodes;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.Operator.Controller;
using Xunit.Abstractions;

namespace VisitCounter.Operator.Tests.Integration;

/// <summary>Apps built for the controller-under-real-conditions tests: short visits intervals, Parallel pods.</summary>
internal static class RealConditionsApps
{
    public static VisitCounterApp New(string name, string ns, int replicas, int intervalSeconds, Action<VisitCounterAppSpec>? configure = null)
    {
        var app = new VisitCounterApp
        {
            Metadata = new V1ObjectMeta { Name = name, Namespace = ns },
            Spec = new VisitCounterAppSpec
            {
                Replicas = replicas,
                PodManagementPolicy = "Parallel",
                Visits = new VisitsSpec { Collect = true, IntervalSeconds = intervalSeconds },
            },
        };
        configure?.Invoke(app.Spec);
        return app;
    }

    public static string? Condition(JsonObject app, string type, string field = "status") =>
        app["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?[field]?.GetValue<string>();
}

/// <summary>
/// The operator against the local cluster (1.32 feature gates) under traffic, after a restart and with a field the
/// server drops. Writes are counted from resourceVersions and watch events of what the server stores.
/// </summary>
public sealed class RealConditionsTests(OperatorClusterFixture fixture, ITestOutputHelper output) : IClassFixture<OperatorClusterFixture>
{
    private const int IntervalSeconds = 5;

    private IKubernetesClient Client => fixture.Client;

    [Fact]
    public async Task Under_steady_traffic_the_app_is_written_at_most_once_per_interval_and_the_children_never()
    {
        var ns = await fixture.CreateNamespaceAsync("soak");
        await Client.CreateAsync(RealConditionsApps.New("busy", ns, replicas: 2, IntervalSeconds, s => s.Service = new ServiceSpec { Type = "NodePort" }));
        await fixture.WaitForPhaseAsync(ns, "busy", "Ready", timeoutSeconds: 120);
        await fixture.SettledSnapshotAsync(ns, timeoutSeconds: 60, quietSeconds: IntervalSeconds + 1);
        var nodePort = fixture.Store.Get(ResourceRef.Services, ns, "busy")!["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>();
        var children = ChildVersions(ns);
        var startVersion = fixture.Store.Get(OperatorClusterFixture.VisitCounterApps, ns, "busy")!["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var watching = new CancellationTokenSource();
        var appWrites = CountModificationsAsync(ns, "busy", startVersion, watching.Token);

        var soak = TimeSpan.FromSeconds(60);
        var visits = await SendTrafficAsync(nodePort, soak, connections: 4);
        await watching.CancelAsync();
        var writes = await appWrites;

        output.WriteLine($"{visits} visits in {soak.TotalSeconds} s; {writes} visits writes of the app");
        Assert.True(visits > 100, $"Only {visits} visits got through; the soak did not load the app.");
        Assert.True(writes <= (soak.TotalSeconds / IntervalSeconds) + 2, $"{writes} visits writes of the app in {soak.TotalSeconds} s at a {IntervalSeconds} s visits interval");
        Assert.Equal(children, ChildVersions(ns));

        // After the traffic stops the next visits reading (at most one interval away) shows the exact per-pod sum. The
        // pods' own durable counts are the truth: a visit whose answer was lost on a dropped connection may still count.
        var perPod = await PodVisitsAsync(ns, "busy", replicas: 2);
        Assert.True(perPod >= visits, $"The pods counted {perPod} visits, fewer than the {visits} answered");
        await fixture.WaitForAsync(
            OperatorClusterFixture.VisitCounterApps, ns, "busy",
            app => app["status"]?["visits"]?.GetValue<long>() == perPod,
            $"status.visits to reach the pods' sum of {perPod} ({visits} answered)",
            timeoutSeconds: (IntervalSeconds * 2) + 20);
    }

    [Fact]
    public async Task A_restarted_operator_makes_no_write_on_a_converged_cluster()
    {
        var ns = await fixture.CreateNamespaceAsync("restart");
        await Client.CreateAsync(RealConditionsApps.New("one", ns, replicas: 1, intervalSeconds: 2));
        await Client.CreateAsync(RealConditionsApps.New("two", ns, replicas: 0, intervalSeconds: 2));
        await fixture.WaitForPhaseAsync(ns, "one", "Ready", timeoutSeconds: 90);
        await fixture.WaitForPhaseAsync(ns, "two", "Ready", timeoutSeconds: 90);
        var before = await fixture.SettledSnapshotAsync(ns, timeoutSeconds: 60, quietSeconds: 5);

        await fixture.RestartOperatorAsync();
        await Task.Delay(TimeSpan.FromSeconds(3 * 2 + 1));

        Assert.Equal(before, fixture.Snapshot(ns));
    }

    [Fact]
    public async Task On_132_gates_maxUnavailable_is_reported_once_and_never_reapplied_even_after_a_restart()
    {
        var ns = await fixture.CreateNamespaceAsync("gates");
        await Client.CreateAsync(RealConditionsApps.New("gated", ns, replicas: 1, intervalSeconds: 2, s =>
            s.UpdateStrategy = new UpdateStrategySpec { Type = UpdateStrategyTypes.RollingUpdate, MaxUnavailable = IntOrString.FromInt(2) }));

        var app = await fixture.WaitForAsync(
            OperatorClusterFixture.VisitCounterApps, ns, "gated",
            a => a["status"]?["phase"]?.GetValue<string>() == "Ready" && RealConditionsApps.Condition(a, VisitCounterAppConditionTypes.FieldsDropped) == "True",
            "the app to be Ready with FieldsDropped=True",
            timeoutSeconds: 90);
        Assert.Contains("MaxUnavailableStatefulSet", RealConditionsApps.Condition(app, VisitCounterAppConditionTypes.FieldsDropped, "message"), StringComparison.Ordinal);
        Assert.Equal("False", RealConditionsApps.Condition(app, VisitCounterAppConditionTypes.Degraded));
        Assert.Null(fixture.Store.Get(ResourceRef.StatefulSets, ns, "gated")!["spec"]!["updateStrategy"]!["rollingUpdate"]?["maxUnavailable"]);

        var before = await fixture.SettledSnapshotAsync(ns, timeoutSeconds: 60, quietSeconds: 5);
        await Task.Delay(TimeSpan.FromSeconds(3 * 2 + 1));
        Assert.Equal(before, fixture.Snapshot(ns));

        await fixture.RestartOperatorAsync();
        await Task.Delay(TimeSpan.FromSeconds(3 * 2 + 1));
        Assert.Equal(before, fixture.Snapshot(ns));

        var warning = Assert.Single(fixture.Store.List(ResourceRef.Events, ns), e => e["reason"]?.GetValue<string>() == "FieldsDropped");
        Assert.Equal("Warning", warning["type"]!.GetValue<string>());
        Assert.Equal(1, warning["count"]?.GetValue<int>() ?? 1);
    }

    /// <summary>
    /// Each child as the operator last wrote it. Not its resourceVersion: the StatefulSet controller writes the
    /// StatefulSet's status whenever a pod's readiness flickers on a loaded machine, which is no write of ours.
    /// </summary>
    private string[] ChildVersions(string ns) =>
    [
        .. new[] { ResourceRef.StatefulSets, ResourceRef.Services }
            .SelectMany(r => fixture.Store.List(r, ns).Select(o => $"{r.Resource}/{o["metadata"]!["name"]}: {WrittenByOperator(o)}"))
            .Order(StringComparer.Ordinal),
    ];

    private static string WrittenByOperator(JsonObject child)
    {
        var copy = (JsonObject)child.DeepClone();
        copy.Remove("status");
        var metadata = copy["metadata"]!.AsObject();
        metadata.Remove("resourceVersion");
        if (metadata["managedFields"] is JsonArray entries)
        {
            metadata["managedFields"] = new JsonArray([.. entries
                .Where(e => e?["manager"]?.GetValue<string>() == ChildApplier.FieldManager)
                .Select(e => e!.DeepClone())]);
        }

        return copy.ToJsonString();
    }

    /// <summary>MODIFIED events of one app from <paramref name="resourceVersion"/> on that change no readiness, until cancelled.</summary>
    private async Task<int> CountModificationsAsync(string ns, string name, string resourceVersion, CancellationToken cancellationToken)
    {
        var count = 0;
        string? readiness = null;
        try
        {
            await foreach (var e in Client.WatchAsync<VisitCounterApp>(ns, new WatchOptions { ResourceVersion = resourceVersion, AllowWatchBookmarks = false, TimeoutSeconds = 600 }, cancellationToken))
            {
                if (e.Type == WatchEventType.Modified && e.Object?.Metadata.Name == name)
                {
                    // Readiness shows at once by design, so a write that carries a readiness change (a probe that
                    // timed out on the loaded machine) is not a visits write; only those are limited per interval.
                    var status = e.Object.Status;
                    var now = $"{status?.Phase} {status?.ReadyReplicas} {string.Join(",", (status?.Pods ?? []).Select(p => p.Ready))}";
                    var visitsOnly = readiness is null || readiness == now;
                    readiness = now;
                    if (visitsOnly)
                    {
                        count++;
                    }

                    output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {(visitsOnly ? "visits write" : "readiness write")}: readiness {now}, visits {status?.Visits}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The soak is over.
        }

        return count;
    }

    /// <summary>The sum of the pods' durable counts, read from each pod's <c>/visits</c> at its pod IP.</summary>
    private async Task<long> PodVisitsAsync(string ns, string app, int replicas)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var sum = 0L;
        for (var i = 0; i < replicas; i++)
        {
            var ip = fixture.Store.Get(ResourceRef.Pods, ns, $"{app}-{i}")!["status"]!["podIP"]!.GetValue<string>();
            var text = await http.GetStringAsync($"http://{ip}:8080/visits");
            sum += long.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>GET / on the NodePort from several connections for <paramref name="duration"/>; returns the visits that succeeded.</summary>
    private static async Task<long> SendTrafficAsync(int nodePort, TimeSpan duration, int connections)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{nodePort}/"), Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + duration;
        var sent = 0L;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (DateTime.UtcNow < until)
            {
                try
                {
                    using var response = await http.GetAsync("/");
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref sent);
                    }

                    // Steady, not saturating: flat-out load on two shared cores starves the pods' readiness probes,
                    // and every readiness flip is a status change that rightly shows at once, which is not what this
                    // test counts (visits-driven writes). A few hundred visits a second still change the count
                    // between every two readings.
                    await Task.Delay(TimeSpan.FromMilliseconds(10));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The load only drives the operator; a dropped connection (a pod restarted by its probe on a
                    // loaded machine) is not what this test measures. The exact sum is checked against the pods' own counts.
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            }
        }));
        return sent;
    }
}

/// <summary>With a policy engine mutating every pod template, the operator converges and then leaves it alone.</summary>
public sealed class MutatingAdmissionTests(MutatingAdmissionClusterFixture fixture) : IClassFixture<MutatingAdmissionClusterFixture>
{
    [Fact]
    public async Task The_operator_converges_and_then_makes_zero_writes_over_three_intervals()
    {
        var ns = await fixture.CreateNamespaceAsync("admission");
        await fixture.Client.CreateAsync(RealConditionsApps.New("web", ns, replicas: 1, intervalSeconds: 2));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);
        var template = fixture.Store.Get(ResourceRef.StatefulSets, ns, "web")!["spec"]!["template"]!;
        Assert.Equal("true", template["metadata"]!["labels"]!["policy.example.com/injected"]!.GetValue<string>());
        Assert.Contains(template["spec"]!["imagePullSecrets"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "regcred");

        var before = await fixture.SettledSnapshotAsync(ns, timeoutSeconds: 60, quietSeconds: 5);
        await Task.Delay(TimeSpan.FromSeconds(3 * 2 + 1));

        Assert.Equal(before, fixture.Snapshot(ns));
    }
}

/// <summary>20 % of the operator's requests fail; the apps converge anyway, nothing is duplicated, nobody is told to act.</summary>
public sealed class FaultInjectionTests(FaultyOperatorClusterFixture fixture, ITestOutputHelper output) : IClassFixture<FaultyOperatorClusterFixture>
{
    [Fact]
    public async Task Every_app_converges_without_duplicates_and_Degraded_is_never_True()
    {
        var ns = await fixture.CreateNamespaceAsync("faults");
        var degradedSeen = new List<string>();
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in fixture.Client.WatchAsync<VisitCounterApp>(ns, new WatchOptions { AllowWatchBookmarks = false, TimeoutSeconds = 600 }, watching.Token))
                {
                    if (e.Object?.Status?.Conditions?.Any(c => c.Type == VisitCounterAppConditionTypes.Degraded && c.Status == "True") == true)
                    {
                        lock (degradedSeen)
                        {
                            degradedSeen.Add($"{e.Object.Metadata.Name}: {e.Object.Status.Conditions.First(c => c.Type == VisitCounterAppConditionTypes.Degraded).Message}");
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (watching.IsCancellationRequested)
            {
                // Done watching.
            }
        });
        string[] names = ["a", "b", "c"];
        foreach (var name in names)
        {
            await fixture.Client.CreateAsync(RealConditionsApps.New(name, ns, replicas: 1, intervalSeconds: 2));
        }

        foreach (var name in names)
        {
            await fixture.WaitForPhaseAsync(ns, name, "Ready", timeoutSeconds: 180);
        }

        await Task.Delay(TimeSpan.FromSeconds(4));
        await watching.CancelAsync();
        await watch;

        output.WriteLine($"calls and injected faults: {fixture.Faults?.Counts}");
        Assert.True(fixture.Faults!.Counts.Faults > 0);
        Assert.Empty(degradedSeen);
        foreach (var name in names)
        {
            Assert.Single(fixture.Store.List(ResourceRef.StatefulSets, ns), s => s["metadata"]!["name"]!.GetValue<string>() == name);
            Assert.Equal(2, fixture.Store.List(ResourceRef.Services, ns).Count(s => s["metadata"]!["labels"]?["app.kubernetes.io/instance"]?.GetValue<string>() == name));
        }

        var series = fixture.Store.List(ResourceRef.Events, ns)
            .GroupBy(e => $"{e["involvedObject"]!["name"]} {e["reason"]} {e["message"]}")
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.Empty(series);
    }
}
