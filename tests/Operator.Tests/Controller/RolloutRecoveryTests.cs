using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Controller;
using VisitCounter.Operator.Hosting;
using VisitCounter.Operator.Recovery;
using VisitCounter.Operator.Tests.Fakes;

namespace VisitCounter.Operator.Tests.Controller;

/// <summary>The rollout recovery step as the controller runs it, against the in-memory client.</summary>
public sealed class RolloutRecoveryTests
{
    private const string Ns = ControllerHarness.Namespace;
    private readonly ControllerHarness h = new();

    /// <summary>A 3-pod app whose rolling update waits for web-2, stuck on broken revision web-r2 while web-r3 is rolled out.</summary>
    private async Task StuckRolloutAsync(bool recoveryEnabled)
    {
        h.Apply(ControllerHarness.NewApp(configure: s =>
        {
            s.Replicas = 3;
            s.RolloutRecovery = new RolloutRecoverySpec { Enabled = recoveryEnabled, StuckAfterSeconds = 30 };
        }));
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        h.Client.Mutate<V1StatefulSet>("web", Ns, s =>
        {
            s.Status!.ReadyReplicas = 2;
            s.Status.UpdatedReplicas = 0;
            s.Status.UpdateRevision = "web-r3";
        });
        for (var ordinal = 0; ordinal < 2; ordinal++)
        {
            h.Client.Mutate<V1Pod>($"web-{ordinal}", Ns, p => p.Metadata.Labels![StuckPodDecision.RevisionLabel] = "web-5d8c7");
        }

        SeedBrokenPod("web-r2");
    }

    private void SeedBrokenPod(string revision)
    {
        h.Client.Remove<V1Pod>("web-2", Ns);
        h.Client.Seed(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-2",
                Namespace = Ns,
                Labels = new Dictionary<string, string>(AppLabels.ForChild("web")) { [StuckPodDecision.RevisionLabel] = revision },
            },
            Status = new V1PodStatus
            {
                Phase = "Pending",
                Conditions = [new V1PodCondition { Type = "Ready", Status = "False", LastTransitionTime = h.Clock.GetUtcNow().AddMinutes(-10) }],
                ContainerStatuses = [new V1ContainerStatus { Name = "counter", State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ErrImagePull" } } }],
            },
        });
    }

    private V1Condition Progressing() => Condition(VisitCounterAppConditionTypes.Progressing);

    private V1Condition Condition(string type) => h.App().Status!.Conditions!.Single(c => c.Type == type);

    [Fact]
    public async Task Recovery_off_reports_RolloutStuck_and_Stalled_with_what_to_do_and_deletes_nothing()
    {
        await StuckRolloutAsync(recoveryEnabled: false);

        var result = await h.ReconcileAsync();

        Assert.True(result.IsSuccess);
        Assert.Empty(h.Client.WritesOf("delete"));
        var progressing = Progressing();
        Assert.Equal(("False", "RolloutStuck"), (progressing.Status, progressing.Reason));
        Assert.Contains("pod web-2 on revision web-r2", progressing.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl delete pod web-2", progressing.Message, StringComparison.Ordinal);
        Assert.Contains("spec.rolloutRecovery.enabled: true", progressing.Message, StringComparison.Ordinal);

        // kstatus (helm --wait, Flux) reads this as Failed rather than waiting out its timeout.
        var stalled = Condition(VisitCounterAppConditionTypes.Stalled);
        Assert.Equal(("True", "RolloutStuck", progressing.Message), (stalled.Status, stalled.Reason, stalled.Message));
        Assert.Equal("False", Condition(VisitCounterAppConditionTypes.Reconciling).Status);
    }

    [Fact]
    public async Task Recovery_on_records_then_deletes_the_stuck_pod_once_with_a_Normal_event()
    {
        await StuckRolloutAsync(recoveryEnabled: true);
        var uid = h.Client.Find<V1Pod>("web-2", Ns)!.Metadata.Uid;

        await h.ReconcileAsync();

        var delete = Assert.Single(h.Client.WritesOf("delete"));
        Assert.Equal(("V1Pod", "web-2", uid), (delete.Kind, delete.Name, delete.DeleteOptions!.Preconditions!.Uid));
        var patchIndex = h.Client.Writes.FindIndex(w => w.Verb == "patch" && w.Body!.Contains(RecoveryRecord.AnnotationKey, StringComparison.Ordinal));
        Assert.True(patchIndex >= 0 && patchIndex < h.Client.Writes.IndexOf(delete), "the record is written before the pod is deleted");
        Assert.Equal("web-r3:web-2", h.App().Metadata.Annotations![RecoveryRecord.AnnotationKey]);
        var recovered = Assert.Single(h.Events.Events, e => e.Reason == RolloutRecovery.EventReason);
        Assert.Equal("Normal", recovered.Type);
        Assert.Contains("pod web-2 of revision web-r2", recovered.Message, StringComparison.Ordinal);
        Assert.Contains("ErrImagePull", recovered.Message, StringComparison.Ordinal);
        Assert.Contains("on revision web-r3", recovered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_on_never_deletes_the_same_pod_twice_for_one_revision()
    {
        await StuckRolloutAsync(recoveryEnabled: true);
        await h.ReconcileAsync();

        // Something brings web-2 back on the old revision again: the operator does not loop.
        SeedBrokenPod("web-r2");
        await h.ReconcileAsync();
        await h.ReconcileAsync();

        Assert.Single(h.Client.WritesOf("delete"));
        var progressing = Progressing();
        Assert.Equal(("False", "RolloutStuck"), (progressing.Status, progressing.Reason));
        Assert.Contains("already deleted it once for this revision", progressing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_is_not_attempted_while_the_spec_is_invalid()
    {
        await StuckRolloutAsync(recoveryEnabled: true);
        h.EditSpec(s => s.Port = 0);

        await h.ReconcileAsync();

        Assert.Empty(h.Client.WritesOf("delete"));
    }

    [Fact]
    public async Task A_stale_cache_cannot_delete_a_pod_that_has_become_ready_since()
    {
        await StuckRolloutAsync(recoveryEnabled: true);
        var cachedPods = h.Caches.Pods.List(Ns);
        h.Client.Mutate<V1Pod>("web-2", Ns, p => p.Status!.Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }]);

        var decision = await RunWithCachedPodsAsync(cachedPods);

        Assert.False(decision.Delete);
        Assert.Empty(h.Client.WritesOf("delete"));
        Assert.False(h.App().Metadata.Annotations?.ContainsKey(RecoveryRecord.AnnotationKey) == true);
    }

    [Fact]
    public async Task A_stale_cache_cannot_delete_the_pod_that_replaced_the_one_it_shows()
    {
        await StuckRolloutAsync(recoveryEnabled: true);
        var cachedPods = h.Caches.Pods.List(Ns);
        SeedBrokenPod("web-r2");

        var decision = await RunWithCachedPodsAsync(cachedPods);

        Assert.False(decision.Delete);
        Assert.Equal(StuckPodDecision.SettleInterval, decision.RecheckAfter);
        Assert.Empty(h.Client.WritesOf("delete"));
    }

    /// <summary>Runs the recovery step on a pod list taken earlier, as a lagging informer would hand it over.</summary>
    private Task<StuckPodDecision> RunWithCachedPodsAsync(IReadOnlyList<V1Pod> cachedPods)
    {
        var app = h.App();
        var spec = VisitCounterAppSpecResolver.Resolve(app.Spec, new OperatorOptions().AppImage).Spec!;
        var recovery = new RolloutRecovery(h.Client, h.Events, NullLogger.Instance);
        return recovery.RunAsync(app, spec, h.Caches.StatefulSets.Get("web", Ns), cachedPods, h.Clock.GetUtcNow(), new ReconcileActions(), CancellationToken.None);
    }
}
