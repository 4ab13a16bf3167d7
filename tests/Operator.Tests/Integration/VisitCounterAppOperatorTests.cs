using System.Text.Json.Nodes;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Storage;
using VisitCounter.TestSupport.OpenApi;
using Xunit.Abstractions;

namespace VisitCounter.Operator.Tests.Integration;

/// <summary>
/// The operator process against a real local cluster: what it creates, that it stays still when nothing changes,
/// that it repairs drift, refuses specs it cannot honour, and grows storage without touching pods.
/// Tests of one class run one after another, so each owns the cluster's attention; each uses its own namespace.
/// </summary>
public sealed class VisitCounterAppOperatorTests(OperatorClusterFixture fixture, ITestOutputHelper output) : IClassFixture<OperatorClusterFixture>
{
    private IKubernetesClient Client => fixture.Client;

    [Fact]
    public async Task Children_are_created_with_the_expected_shape_and_the_app_becomes_Ready()
    {
        var ns = await fixture.CreateNamespaceAsync("shape");
        var app = await Client.CreateAsync(NewApp("web", ns, replicas: 2));

        // The CRD's status default: before the operator acts, kstatus reads "generation 1 not yet observed" (InProgress).
        Assert.Equal((0L, 1L), (app.Status!.ObservedGeneration, app.Metadata.Generation));
        Assert.Null(app.Status.Conditions);

        var status = (await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90))["status"]!;
        Assert.Equal(2, status["readyReplicas"]!.GetValue<int>());

        // kstatus's current: observedGeneration caught up, Reconciling and Stalled False, each condition of generation 1.
        Assert.Equal(1, status["observedGeneration"]!.GetValue<long>());
        var conditions = status["conditions"]!.AsArray();
        Assert.Equal(("False", "False"), (KstatusCondition(conditions, "Reconciling"), KstatusCondition(conditions, "Stalled")));
        Assert.All(conditions, c => Assert.Equal(1, c!["observedGeneration"]!.GetValue<long>()));
        Assert.Equal(AppLabels.SelectorString("web"), status["selector"]!.GetValue<string>());

        var sts = fixture.Store.Get(ResourceRef.StatefulSets, ns, "web")!;
        AssertOwnedChild(sts, app);
        var spec = sts["spec"]!;
        Assert.Equal("web-headless", spec["serviceName"]!.GetValue<string>());
        Assert.Equal(2, spec["replicas"]!.GetValue<int>());
        Assert.Equal("Parallel", spec["podManagementPolicy"]!.GetValue<string>());
        Assert.Equal("visit-counter", spec["selector"]!["matchLabels"]![AppLabels.NameKey]!.GetValue<string>());
        Assert.Equal("web", spec["selector"]!["matchLabels"]![AppLabels.InstanceKey]!.GetValue<string>());
        var claim = spec["volumeClaimTemplates"]!.AsArray().Single()!;
        Assert.Equal("data", claim["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("1Gi", claim["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());

        var container = spec["template"]!["spec"]!["containers"]!.AsArray().Single()!;
        Assert.Equal("counter", container["name"]!.GetValue<string>());
        Assert.Contains(container["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "http");
        var env = container["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToArray();
        Assert.Contains("POD_NAME", env);
        Assert.Contains("POD_NAMESPACE", env);
        Assert.Contains(container["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "VISITS_FILE" && e["value"]!.GetValue<string>() == "/data/visits");
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "data" && m["mountPath"]!.GetValue<string>() == "/data");
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        var security = container["securityContext"]!;
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Contains("ALL", security["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()));

        var headless = fixture.Store.Get(ResourceRef.Services, ns, "web-headless")!;
        AssertOwnedChild(headless, app);
        Assert.Equal("None", headless["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.True(headless["spec"]!["publishNotReadyAddresses"]!.GetValue<bool>());

        var service = fixture.Store.Get(ResourceRef.Services, ns, "web")!;
        AssertOwnedChild(service, app);
        Assert.Equal("ClusterIP", service["spec"]!["type"]!.GetValue<string>());
        var port = service["spec"]!["ports"]!.AsArray().Single()!;
        Assert.Equal(80, port["port"]!.GetValue<int>());
        Assert.Equal("http", port["targetPort"]!.GetValue<string>());

        // What the server stored (defaults included) is valid against Kubernetes' official OpenAPI schema.
        OpenApiAssert.Valid(sts);
        OpenApiAssert.Valid(headless);
        OpenApiAssert.Valid(service);

        // The StatefulSet controller accepted the template: one claim and one running pod per ordinal.
        Assert.NotNull(fixture.Store.Get(ResourceRef.PersistentVolumeClaims, ns, "data-web-0"));
        Assert.NotNull(fixture.Store.Get(ResourceRef.PersistentVolumeClaims, ns, "data-web-1"));
    }

    [Fact]
    public async Task Steady_state_makes_no_writes_over_several_visit_collections()
    {
        var ns = await fixture.CreateNamespaceAsync("steady");
        await Client.CreateAsync(NewApp("web", ns, replicas: 1, visitsIntervalSeconds: 1));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);

        // Readiness shows in the status at once, the first visits reading at the next interval: settle past both,
        // with a quiet period of more than one interval, so that only steady state is measured.
        var before = await fixture.SettledSnapshotAsync(ns, quietSeconds: 3);
        var globalBefore = fixture.Store.CurrentResourceVersion;

        // Four collection intervals: the operator reconciles (and reads pod visits) about four times meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var after = fixture.Snapshot(ns);
        output.WriteLine($"Cluster-wide revision moved {fixture.Store.CurrentResourceVersion - globalBefore} over 4 s (all namespaces); {before.Length} objects in {ns} unchanged: {before.SequenceEqual(after)}");
        Assert.True(
            before.SequenceEqual(after),
            $"Objects changed in steady state (global revision {globalBefore} -> {fixture.Store.CurrentResourceVersion}):\n"
            + $"before: {string.Join(", ", before)}\nafter:  {string.Join(", ", after)}");
    }

    [Fact]
    public async Task Hand_edits_of_the_StatefulSet_are_reverted()
    {
        var ns = await fixture.CreateNamespaceAsync("drift");
        await Client.CreateAsync(NewApp("web", ns, replicas: 1, visitsIntervalSeconds: 1));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);

        await Client.PatchAsync<V1StatefulSet>("web", ns, KubernetesPatch.Json("""
            [{"op":"replace","path":"/spec/replicas","value":3},
             {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"example.com/someone-else:1"}]
            """));

        await fixture.WaitForAsync(
            ResourceRef.StatefulSets, ns, "web",
            sts => sts["spec"]!["replicas"]!.GetValue<int>() == 1
                && sts["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == OperatorDefaults.AppImage,
            "the operator to restore replicas and image");
    }

    [Fact]
    public async Task A_deleted_Service_is_created_again()
    {
        var ns = await fixture.CreateNamespaceAsync("svc");
        await Client.CreateAsync(NewApp("web", ns, replicas: 1, visitsIntervalSeconds: 1));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);
        var original = fixture.Store.Get(ResourceRef.Services, ns, "web")!["metadata"]!["uid"]!.GetValue<string>();

        await Client.DeleteAsync<V1Service>("web", ns);

        var restored = await fixture.WaitForAsync(
            ResourceRef.Services, ns, "web",
            s => s["metadata"]!["uid"]!.GetValue<string>() != original,
            "the client Service to be re-created");
        Assert.Equal("ClusterIP", restored["spec"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_spec_the_CRD_accepts_but_the_operator_refuses_is_Degraded_with_a_Warning_and_children_stay()
    {
        var ns = await fixture.CreateNamespaceAsync("invalid");
        await Client.CreateAsync(NewApp("web", ns, replicas: 1, visitsIntervalSeconds: 1));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);
        var stsVersion = fixture.Store.Get(ResourceRef.StatefulSets, ns, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        // Requests above limits: the schema cannot compare two quantities, the operator's validator can.
        await Client.PatchAsync<VisitCounterApp>("web", ns, KubernetesPatch.Merge("""
            {"spec":{"replicas":3,"resources":{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}}}
            """));

        var degraded = await fixture.WaitForAsync(
            OperatorClusterFixture.VisitCounterApps, ns, "web",
            a => a["status"]?["phase"]?.GetValue<string>() == "Degraded",
            "the app to become Degraded");
        var condition = degraded["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Degraded")!;
        Assert.Equal("True", condition["status"]!.GetValue<string>());
        Assert.Equal("InvalidSpec", condition["reason"]!.GetValue<string>());
        Assert.Contains("spec.resources.requests.cpu", condition["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var conditions = degraded["status"]!["conditions"]!.AsArray();
        Assert.Equal(("False", "True"), (KstatusCondition(conditions, "Reconciling"), KstatusCondition(conditions, "Stalled")));

        var warnings = await WaitForEventsAsync(ns, e => e["type"]!.GetValue<string>() == "Warning" && e["involvedObject"]!["name"]!.GetValue<string>() == "web");
        Assert.Contains("spec.resources.requests.cpu", warnings[0]["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Neither the valid replicas change nor anything else reached the children.
        var sts = fixture.Store.Get(ResourceRef.StatefulSets, ns, "web")!;
        Assert.Equal(stsVersion, sts["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(1, sts["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_server_refuses_changing_volumeClaimTemplates_in_place()
    {
        var ns = await fixture.CreateNamespaceAsync("immutable");
        await Client.CreateAsync(NewApp("web", ns, replicas: 0));
        await fixture.WaitForAsync(ResourceRef.StatefulSets, ns, "web", _ => true, "the StatefulSet");

        // The StatefulSet controller may write its status between our read and our update: read again on a 409.
        InvalidException? error = null;
        for (var attempt = 0; error is null && attempt < 10; attempt++)
        {
            var sts = (await Client.GetAsync<V1StatefulSet>("web", ns))!;
            sts.Spec!.VolumeClaimTemplates![0].Spec!.Resources!.Requests!["storage"] = ResourceQuantity.Parse("2Gi");
            try
            {
                await Client.UpdateAsync(sts);
                Assert.Fail("The server accepted a change of volumeClaimTemplates");
            }
            catch (InvalidException invalid)
            {
                error = invalid;
            }
            catch (ConflictException)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(error);

        Assert.Contains("spec", error.Message, StringComparison.Ordinal);
        Assert.Contains("Forbidden", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Storage_grow_expands_claims_and_recreates_the_StatefulSet_with_Orphan_while_pods_keep_running()
    {
        var ns = await fixture.CreateNamespaceAsync("grow");
        await Client.CreateAsync(NewApp("web", ns, replicas: 1, visitsIntervalSeconds: 1));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);
        var stsUid = Uid(fixture.Store.Get(ResourceRef.StatefulSets, ns, "web")!);
        var podUid = Uid(fixture.Store.Get(ResourceRef.Pods, ns, "web-0")!);
        var claimUid = Uid(fixture.Store.Get(ResourceRef.PersistentVolumeClaims, ns, "data-web-0")!);

        await Client.PatchAsync<VisitCounterApp>("web", ns, KubernetesPatch.Merge("""{"spec":{"storage":{"size":"2Gi"}}}"""));

        var recreated = await fixture.WaitForAsync(
            ResourceRef.StatefulSets, ns, "web",
            s => Uid(s) != stsUid && s["metadata"]?["deletionTimestamp"] is null,
            "the StatefulSet to be re-created", timeoutSeconds: 90);
        Assert.Equal("2Gi", recreated["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());

        var app = await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);
        Assert.Null(app["metadata"]!["annotations"]?[PendingStorageResize.AnnotationKey]);

        var claim = fixture.Store.Get(ResourceRef.PersistentVolumeClaims, ns, "data-web-0")!;
        Assert.Equal(claimUid, Uid(claim));
        Assert.Equal("2Gi", claim["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Equal(podUid, Uid(fixture.Store.Get(ResourceRef.Pods, ns, "web-0")!));

        var deleted = await WaitForEventsAsync(ns, e => e["reason"]!.GetValue<string>() == "Deleted");
        Assert.Contains("Orphan", deleted[0]["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scaling_through_the_scale_subresource_scales_the_StatefulSet_and_reports_it()
    {
        var ns = await fixture.CreateNamespaceAsync("scale");
        await Client.CreateAsync(NewApp("web", ns, replicas: 1, visitsIntervalSeconds: 1));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);

        // What `kubectl scale vca web --replicas=2` sends.
        var scale = await Client.GetScaleAsync<VisitCounterApp>("web", ns);
        scale.Spec.Replicas = 2;
        await Client.ReplaceScaleAsync<VisitCounterApp>("web", ns, scale);

        var status = (await fixture.WaitForAsync(
            OperatorClusterFixture.VisitCounterApps, ns, "web",
            a => a["status"]?["readyReplicas"]?.GetValue<int>() == 2 && a["status"]?["phase"]?.GetValue<string>() == "Ready",
            "two ready replicas", timeoutSeconds: 90))["status"]!;
        Assert.Equal(2, fixture.Store.Get(ResourceRef.StatefulSets, ns, "web")!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, (await Client.GetScaleAsync<VisitCounterApp>("web", ns)).Status!.Replicas);
        Assert.Equal(2, status["pods"]!.AsArray().Count);
        var scaled = await WaitForEventsAsync(ns, e => e["reason"]!.GetValue<string>() == "Scaled");
        Assert.Contains("from 1 to 2", scaled[0]["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_app_lets_the_garbage_collector_remove_its_children()
    {
        var ns = await fixture.CreateNamespaceAsync("gc");
        await Client.CreateAsync(NewApp("web", ns, replicas: 1, visitsIntervalSeconds: 1));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);

        await Client.DeleteAsync<VisitCounterApp>("web", ns);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline
            && (fixture.Store.Get(ResourceRef.StatefulSets, ns, "web") is not null
                || fixture.Store.List(ResourceRef.Services, ns).Count > 0
                || fixture.Store.List(ResourceRef.Pods, ns).Count > 0))
        {
            await Task.Delay(100);
        }

        Assert.Null(fixture.Store.Get(ResourceRef.StatefulSets, ns, "web"));
        Assert.Empty(fixture.Store.List(ResourceRef.Services, ns));
        Assert.Empty(fixture.Store.List(ResourceRef.Pods, ns));

        // whenDeleted defaults to Retain: the data outlives the app.
        Assert.NotNull(fixture.Store.Get(ResourceRef.PersistentVolumeClaims, ns, "data-web-0"));
    }

    [Fact]
    public async Task A_restarted_operator_finishes_a_storage_resize_interrupted_after_the_StatefulSet_was_deleted()
    {
        var ns = await fixture.CreateNamespaceAsync("resume");
        await Client.CreateAsync(NewApp("web", ns, replicas: 1, visitsIntervalSeconds: 1));
        await fixture.WaitForPhaseAsync(ns, "web", "Ready", timeoutSeconds: 90);
        var stsUid = Uid(fixture.Store.Get(ResourceRef.StatefulSets, ns, "web")!);
        var podUid = Uid(fixture.Store.Get(ResourceRef.Pods, ns, "web-0")!);

        // The state an operator leaves when it dies right after deleting the StatefulSet: the new size in the spec, the
        // pending resize recorded on the app, no StatefulSet, and claims still at the old size.
        await fixture.WhileOperatorIsDownAsync(async () =>
        {
            await Client.PatchAsync<VisitCounterApp>("web", ns, KubernetesPatch.Merge(new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [PendingStorageResize.AnnotationKey] = "2Gi" } },
                ["spec"] = new JsonObject { ["storage"] = new JsonObject { ["size"] = "2Gi" } },
            }.ToJsonString()));
            await Client.DeleteAsync<V1StatefulSet>("web", ns, new V1DeleteOptions { PropagationPolicy = "Orphan" });
            await fixture.WaitForAsync(ResourceRef.Pods, ns, "web-0", _ => fixture.Store.Get(ResourceRef.StatefulSets, ns, "web") is null, "the orphaning delete to finish");
        });

        var recreated = await fixture.WaitForAsync(
            ResourceRef.StatefulSets, ns, "web", s => Uid(s) != stsUid, "the restarted operator to re-create the StatefulSet", timeoutSeconds: 90);
        Assert.Equal("2Gi", recreated["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());
        await fixture.WaitForAsync(
            OperatorClusterFixture.VisitCounterApps, ns, "web",
            a => a["metadata"]!["annotations"]?[PendingStorageResize.AnnotationKey] is null && a["status"]?["phase"]?.GetValue<string>() == "Ready",
            "the resize to be recorded as finished", timeoutSeconds: 90);
        Assert.Equal("2Gi", fixture.Store.Get(ResourceRef.PersistentVolumeClaims, ns, "data-web-0")!["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());
        Assert.Equal(podUid, Uid(fixture.Store.Get(ResourceRef.Pods, ns, "web-0")!));
    }

    private static VisitCounterApp NewApp(string name, string ns, int replicas, int visitsIntervalSeconds = 30) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Namespace = ns },
        Spec = new VisitCounterAppSpec
        {
            Replicas = replicas,
            PodManagementPolicy = "Parallel",
            Visits = new VisitsSpec { Collect = true, IntervalSeconds = visitsIntervalSeconds },
        },
    };

    private static string Uid(JsonObject o) => o["metadata"]!["uid"]!.GetValue<string>();

    private static void AssertOwnedChild(JsonObject child, VisitCounterApp app)
    {
        var owner = child["metadata"]!["ownerReferences"]!.AsArray().Single()!;
        Assert.Equal(app.Metadata.Uid, owner["uid"]!.GetValue<string>());
        Assert.Equal("VisitCounterApp", owner["kind"]!.GetValue<string>());
        Assert.True(owner["controller"]!.GetValue<bool>());
        Assert.True(owner["blockOwnerDeletion"]!.GetValue<bool>());
        var labels = child["metadata"]!["labels"]!;
        Assert.Equal(AppLabels.AppName, labels[AppLabels.NameKey]!.GetValue<string>());
        Assert.Equal(app.Metadata.Name, labels[AppLabels.InstanceKey]!.GetValue<string>());
        Assert.Equal(AppLabels.ManagedBy, labels[AppLabels.ManagedByKey]!.GetValue<string>());
    }

    private async Task<IReadOnlyList<JsonObject>> WaitForEventsAsync(string ns, Func<JsonObject, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = fixture.Store.List(ResourceRef.Events, ns).Where(match).ToArray();
            if (found.Length > 0)
            {
                return found;
            }

            await Task.Delay(50);
        }

        var all = fixture.Store.List(ResourceRef.Events, ns).Select(e => $"{e["type"]} {e["reason"]}: {e["message"]}");
        Assert.Fail($"No matching event in {ns}; events: {string.Join(" | ", all)}");
        return [];
    }

    private static string? KstatusCondition(JsonArray conditions, string type) =>
        conditions.Single(c => c!["type"]!.GetValue<string>() == type)!["status"]!.GetValue<string>();
}
