using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Storage;
using VisitCounter.Operator.Tests.Fakes;

namespace VisitCounter.Operator.Tests.Controller;

public sealed class VisitCounterAppControllerTests
{
    private const string Ns = ControllerHarness.Namespace;
    private readonly ControllerHarness h = new();

    [Fact]
    public async Task First_reconcile_creates_both_services_and_the_statefulset_owned_by_the_app()
    {
        var app = h.Apply(ControllerHarness.NewApp(configure: s => s.Replicas = 2));

        var result = await h.ReconcileAsync();

        Assert.True(result.IsSuccess);
        Assert.Equal(
            ["V1Service/web-headless", "V1Service/web", "V1StatefulSet/web"],
            h.Client.WritesOf("apply").Select(w => $"{w.Kind}/{w.Name}"));
        foreach (var child in new IKubernetesObject<V1ObjectMeta>?[] { h.Client.Find<V1Service>("web-headless", Ns), h.Client.Find<V1Service>("web", Ns), h.Client.Find<V1StatefulSet>("web", Ns) })
        {
            var owner = Assert.Single(child!.Metadata.OwnerReferences!);
            Assert.Equal(app.Metadata.Uid, owner.Uid);
            Assert.True(owner.Controller);
        }

        Assert.Equal(2, h.Client.Find<V1StatefulSet>("web", Ns)!.Spec!.Replicas);
        Assert.Equal(3, h.Events.Events.Count(e => e.Reason == "Created"));
        var status = h.App().Status!;
        Assert.Equal(VisitCounterAppPhases.Pending, status.Phase);
        Assert.Equal(VisitCounterAppConditionTypes.All, status.Conditions!.Select(c => c.Type));
    }

    [Fact]
    public async Task Steady_state_makes_zero_writes_across_repeated_reconciles()
    {
        h.Apply(ControllerHarness.NewApp(configure: s => s.Replicas = 3));
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();
        Assert.Equal(VisitCounterAppPhases.Ready, h.App().Status!.Phase);
        var writesBefore = h.Client.Writes.Count;
        var eventsBefore = h.Events.Events.Count;

        for (var i = 0; i < 5; i++)
        {
            var result = await h.ReconcileAsync();
            Assert.True(result.IsSuccess);
        }

        Assert.Equal(writesBefore, h.Client.Writes.Count);
        Assert.Equal(eventsBefore, h.Events.Events.Count);
    }

    [Fact]
    public async Task Hand_edit_of_an_owned_field_is_restored_and_server_defaults_are_kept()
    {
        h.Apply(ControllerHarness.NewApp());
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();
        h.Client.Mutate<V1StatefulSet>("web", Ns, s => s.Spec!.Template.Spec!.Containers[0].Image = "evil/image:latest");
        h.Client.Mutate<V1Service>("web", Ns, s => s.Spec!.Ports![0].Port = 9999);
        var writesBefore = h.Client.Writes.Count;

        await h.ReconcileAsync();

        var updates = h.Client.Writes.Skip(writesBefore).Where(w => w.Verb == "apply").Select(w => $"{w.Kind}/{w.Name}").ToList();
        Assert.Equal(["V1Service/web", "V1StatefulSet/web"], updates);
        var sts = h.Client.Find<V1StatefulSet>("web", Ns)!;
        Assert.Equal(OperatorDefaults.AppImage, sts.Spec!.Template.Spec!.Containers[0].Image);
        Assert.Equal("/dev/termination-log", sts.Spec.Template.Spec.Containers[0].TerminationMessagePath);
        var service = h.Client.Find<V1Service>("web", Ns)!;
        // Ports merge by port+protocol, as server-side apply does: ours is back; the hand-made one is its editor's.
        Assert.Contains(service.Spec!.Ports!, p => p.Port == 80);
        Assert.Equal("10.96.0.17", service.Spec.ClusterIP);
        Assert.Contains(h.Events.Events, e => e.Reason == "Updated" && e.Message.Contains("StatefulSet web", StringComparison.Ordinal));

        var afterRestore = h.Client.Writes.Count;
        await h.ReconcileAsync();
        Assert.Equal(afterRestore, h.Client.Writes.Count);
    }

    [Fact]
    public async Task Deleted_child_is_created_again()
    {
        h.Apply(ControllerHarness.NewApp());
        await h.ReconcileAsync();
        h.Client.Remove<V1Service>("web-headless", Ns);
        var writesBefore = h.Client.Writes.Count;

        await h.ReconcileAsync();

        var create = Assert.Single(h.Client.Writes.Skip(writesBefore), w => w.Verb == "apply");
        Assert.Equal("web-headless", create.Name);
        Assert.Equal("None", h.Client.Find<V1Service>("web-headless", Ns)!.Spec!.ClusterIP);
    }

    [Fact]
    public async Task A_spec_change_is_not_Ready_while_the_cache_still_shows_the_finished_rollout_of_the_old_one()
    {
        h.Apply(ControllerHarness.NewApp());
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();
        Assert.Equal(VisitCounterAppPhases.Ready, h.App().Status!.Phase);

        // The StatefulSet update's watch event is late: the cache still holds the fully rolled-out old StatefulSet.
        ((FakeEntityCache<V1StatefulSet>)h.Caches.StatefulSets).Lag("web", Ns);
        h.EditSpec(s => s.Env = [new EnvVarSpec { Name = "GREETING", Value = "hi" }]);
        await h.ReconcileAsync();

        // Judged from the server's answer to the update (generation moved, not yet observed), so kstatus keeps waiting.
        var status = h.App().Status!;
        Assert.Equal((VisitCounterAppPhases.Progressing, h.App().Metadata.Generation), (status.Phase, status.ObservedGeneration));
        var ready = status.Conditions!.Single(c => c.Type == VisitCounterAppConditionTypes.Ready);
        Assert.Equal(("False", "SpecNotObserved"), (ready.Status, ready.Reason));
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == VisitCounterAppConditionTypes.Reconciling).Status);
    }

    [Fact]
    public async Task Invalid_spec_is_Degraded_with_one_warning_and_no_change_to_children()
    {
        h.Apply(ControllerHarness.NewApp());
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();
        h.EditSpec(s => s.UpdateStrategy = new UpdateStrategySpec { Type = UpdateStrategyTypes.OnDelete, Partition = 2 });
        var writesBefore = h.Client.Writes.Count;

        var result = await h.ReconcileAsync();

        Assert.True(result.IsSuccess);
        Assert.Null(result.RequeueAfter);
        Assert.All(h.Client.Writes.Skip(writesBefore), w => Assert.Equal("update-status", w.Verb));
        var status = h.App().Status!;
        Assert.Equal(VisitCounterAppPhases.Degraded, status.Phase);
        var degraded = status.Conditions!.Single(c => c.Type == "Degraded");
        Assert.Equal("True", degraded.Status);
        Assert.Equal("InvalidSpec", degraded.Reason);
        Assert.Contains("partition", degraded.Message, StringComparison.Ordinal);
        var warning = Assert.Single(h.Events.Events, e => e.Type == "Warning");
        Assert.Equal("InvalidSpec", warning.Reason);

        // Reconciling the same invalid spec again neither writes nor warns again: no hot loop.
        var writesAfter = h.Client.Writes.Count;
        await h.ReconcileAsync();
        Assert.Equal(writesAfter, h.Client.Writes.Count);
        Assert.Single(h.Events.Events, e => e.Type == "Warning");
    }

    [Fact]
    public async Task A_name_too_long_for_its_children_is_Degraded_naming_metadata_name_and_creates_nothing()
    {
        // Pod names are "<name>-<ordinal>" and carry the controller-revision-hash label, so the app's name is capped below 63.
        var name = new string('a', VisitCounterApp.MaxNameLength + 1);
        h.Apply(ControllerHarness.NewApp(name));

        await h.ReconcileAsync(name);

        Assert.DoesNotContain(h.Client.Writes, w => w.Verb == "apply");
        var degraded = h.App(name).Status!.Conditions!.Single(c => c.Type == "Degraded");
        Assert.Equal("InvalidSpec", degraded.Reason);
        Assert.Contains("metadata.name", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scaling_the_app_propagates_replicas_to_the_statefulset_with_a_Scaled_event()
    {
        h.Apply(ControllerHarness.NewApp(configure: s => s.Replicas = 2));
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();

        h.EditSpec(s => s.Replicas = 5);
        await h.ReconcileAsync();

        Assert.Equal(5, h.Client.Find<V1StatefulSet>("web", Ns)!.Spec!.Replicas);
        Assert.Contains(h.Events.Events, e => e.Reason == "Scaled" && e.Message.Contains("from 2 to 5", StringComparison.Ordinal));
        Assert.Equal(VisitCounterAppPhases.Progressing, h.App().Status!.Phase);
    }

    [Fact]
    public async Task Storage_growth_expands_claims_and_recreates_the_statefulset_with_orphan_and_uid_precondition()
    {
        h.SeedStorageClass("standard", allowExpansion: true);
        h.Apply(ControllerHarness.NewApp(configure: s => { s.Replicas = 2; s.Storage = new StorageSpec { WhenDeleted = RetentionPolicies.Delete }; }));
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        h.SeedClaims("web", 2, "1Gi");
        await h.ReconcileAsync();
        var oldUid = h.Client.Find<V1StatefulSet>("web", Ns)!.Metadata.Uid;
        var writesBefore = h.Client.Writes.Count;

        h.EditSpec(s => s.Storage!.Size = "2Gi");
        var result = await h.ReconcileAsync();

        var writes = h.Client.Writes.Skip(writesBefore).Select(w => $"{w.Verb} {w.Kind}/{w.Name}").ToList();
        Assert.Equal(
            ["patch VisitCounterApp/web", "patch V1PersistentVolumeClaim/data-web-0", "patch V1PersistentVolumeClaim/data-web-1", "delete V1StatefulSet/web", "update-status VisitCounterApp/web"],
            writes);
        var delete = h.Client.WritesOf("delete").Single();
        Assert.Equal("Orphan", delete.DeleteOptions!.PropagationPolicy);
        Assert.Equal(oldUid, delete.DeleteOptions.Preconditions!.Uid);
        Assert.Equal("2Gi", h.Client.Find<V1PersistentVolumeClaim>("data-web-0", Ns)!.Spec!.Resources!.Requests!["storage"].ToString());
        Assert.Equal("2Gi", PendingStorageResize.Read(h.App().Metadata));
        var progressing = h.App().Status!.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("True", "StorageResizing"), (progressing.Status, progressing.Reason));
        Assert.NotNull(result.RequeueAfter);

        // The new StatefulSet is applied once the old one is gone (an apply to one still being orphaned would change it).
        var writesBeforeCreate = h.Client.Writes.Count;
        await h.ReconcileAsync();
        Assert.Contains("apply V1StatefulSet/web", h.Client.Writes.Skip(writesBeforeCreate).Select(w => $"{w.Verb} {w.Kind}/{w.Name}"));
        Assert.Equal("2Gi", h.Client.Find<V1StatefulSet>("web", Ns)!.Spec!.VolumeClaimTemplates![0].Spec!.Resources!.Requests!["storage"].ToString());

        await h.ReconcileAsync();

        Assert.Null(PendingStorageResize.Read(h.App().Metadata));
        Assert.Contains(h.Events.Events, e => e.Reason == "StorageResized");
        Assert.Single(h.Client.WritesOf("delete"));
    }

    [Fact]
    public async Task Restarted_operator_finishes_a_resize_whose_statefulset_was_already_deleted()
    {
        h.SeedStorageClass("standard", allowExpansion: true);
        h.Apply(ControllerHarness.NewApp(configure: s => { s.Replicas = 2; s.Storage = new StorageSpec { Size = "3Gi" }; }));
        h.Client.Mutate<VisitCounterApp>("web", Ns, a => a.Metadata.Annotations = new Dictionary<string, string> { [PendingStorageResize.AnnotationKey] = "3Gi" });
        h.SeedClaims("web", 2, "1Gi");

        // The previous operator died after recording the resize and deleting the StatefulSet (orphan), before re-creating it.
        await h.ReconcileAsync();

        Assert.Equal("3Gi", h.Client.Find<V1PersistentVolumeClaim>("data-web-1", Ns)!.Spec!.Resources!.Requests!["storage"].ToString());
        Assert.Equal("3Gi", h.Client.Find<V1StatefulSet>("web", Ns)!.Spec!.VolumeClaimTemplates![0].Spec!.Resources!.Requests!["storage"].ToString());
        Assert.Equal("3Gi", PendingStorageResize.Read(h.App().Metadata));

        await h.ReconcileAsync();

        Assert.Null(PendingStorageResize.Read(h.App().Metadata));
        Assert.Empty(h.Client.WritesOf("delete"));
    }

    [Fact]
    public async Task Storage_shrink_is_refused_as_Degraded_and_the_statefulset_is_kept()
    {
        h.Apply(ControllerHarness.NewApp(configure: s => s.Storage = new StorageSpec { Size = "2Gi" }));
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        await h.ReconcileAsync();

        h.EditSpec(s => s.Storage!.Size = "1Gi");
        await h.ReconcileAsync();

        Assert.Empty(h.Client.WritesOf("delete"));
        var degraded = h.App().Status!.Conditions!.Single(c => c.Type == "Degraded");
        Assert.Equal(("True", StorageChangeDecision.ShrinkRefused), (degraded.Status, degraded.Reason));
        Assert.Contains(h.Events.Events, e => e.Type == "Warning" && e.Reason == StorageChangeDecision.ShrinkRefused);
    }

    [Fact]
    public async Task Storage_growth_without_expandable_class_is_Degraded()
    {
        h.SeedStorageClass("standard", allowExpansion: false);
        h.Apply(ControllerHarness.NewApp());
        await h.ReconcileAsync();

        h.EditSpec(s => s.Storage = new StorageSpec { Size = "5Gi" });
        await h.ReconcileAsync();

        Assert.Empty(h.Client.WritesOf("delete"));
        Assert.Empty(h.Client.WritesOf("patch"));
        Assert.Equal(StorageChangeDecision.ExpansionNotAllowed, h.App().Status!.Conditions!.Single(c => c.Type == "Degraded").Reason);
    }

    [Fact]
    public async Task Status_lists_every_pod_and_sums_only_the_visits_of_pods_that_answered()
    {
        h.Apply(ControllerHarness.NewApp(configure: s => s.Replicas = 3));
        await h.ReconcileAsync();
        h.MakeStatefulSetReady();
        h.Visits.Counts["web-0"] = 74;
        h.Visits.Counts["web-2"] = 28;

        // The first reconcile asked the (not yet existing) pods; the next reading is due one interval later.
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var result = await h.ReconcileAsync();

        var status = h.App().Status!;
        Assert.Equal(102, status.Visits);
        Assert.Equal(["web-0", "web-1", "web-2"], status.Pods!.Select(p => p.Name));
        Assert.Equal([74L, null, 28L], status.Pods!.Select(p => p.Visits));
        Assert.All(status.Pods!, p => Assert.True(p.Ready));
        Assert.Equal("app.kubernetes.io/name=visit-counter,app.kubernetes.io/instance=web", status.Selector);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RequeueAfter);
    }

    [Fact]
    public async Task A_child_owned_by_someone_else_outside_the_cache_is_refused_by_the_server_left_alone_and_reported()
    {
        h.Client.Seed(DeploymentsService(labels: null));
        h.Apply(ControllerHarness.NewApp());

        await h.ReconcileAsync();

        Assert.Equal(1, h.Client.Find<V1Service>("web", Ns)!.Spec!.Ports![0].Port);
        Assert.Equal("ChildOwnedByOther", h.App().Status!.Conditions!.Single(c => c.Type == "Degraded").Reason);
    }

    [Fact]
    public async Task Creating_an_app_applies_each_child_once_and_reads_nothing_from_the_api_server()
    {
        h.Apply(ControllerHarness.NewApp());

        await h.ReconcileAsync();

        Assert.Equal(0, h.Client.Reads);
        Assert.Equal(["apply", "apply", "apply", "update-status"], h.Client.Writes.Select(w => w.Verb));
        Assert.Equal(3, h.Events.Events.Count(e => e.Reason == "Created"));
    }

    [Fact]
    public async Task A_child_in_the_cache_that_another_controller_owns_is_reported_without_any_request()
    {
        h.Client.Seed(DeploymentsService(new Dictionary<string, string> { [AppLabels.ManagedByKey] = AppLabels.ManagedBy, [AppLabels.NameKey] = AppLabels.AppName }));
        h.Apply(ControllerHarness.NewApp());

        await h.ReconcileAsync();

        Assert.Equal(0, h.Client.Reads);
        Assert.DoesNotContain(h.Client.WritesOf("apply"), w => w.Name == "web" && w.Kind == "V1Service");
        var degraded = h.App().Status!.Conditions!.Single(c => c.Type == "Degraded");
        Assert.Equal("ChildOwnedByOther", degraded.Reason);
        Assert.Contains("controlled by Deployment other", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uncontrolled_object_with_a_childs_name_is_adopted_without_a_created_event()
    {
        h.Client.Seed(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", Namespace = Ns },
            Spec = new V1ServiceSpec { Type = "ClusterIP", Ports = [new V1ServicePort { Port = 1 }] },
        });
        var app = h.Apply(ControllerHarness.NewApp());

        await h.ReconcileAsync();

        var adopted = h.Client.Find<V1Service>("web", Ns)!;
        Assert.Equal(app.Metadata.Uid, Assert.Single(adopted.Metadata.OwnerReferences!).Uid);
        Assert.Contains(adopted.Spec!.Ports!, p => p.Port == 80);
        Assert.DoesNotContain(h.Events.Events, e => e.Message == "Created Service web");
        Assert.Equal(2, h.Events.Events.Count(e => e.Reason == "Created"));
        Assert.Equal("False", h.App().Status!.Conditions!.Single(c => c.Type == "Degraded").Status);
    }

    /// <summary>A Service named like the app's client Service but controlled by a Deployment.</summary>
    private static V1Service DeploymentsService(Dictionary<string, string>? labels) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web",
            Namespace = Ns,
            Labels = labels,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "other", Uid = "u-other", Controller = true }],
        },
        Spec = new V1ServiceSpec { Type = "ClusterIP", Ports = [new V1ServicePort { Port = 1 }] },
    };
}
