using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Tests.Validation;

namespace VisitCounter.LocalCluster.Tests.Patching;

/// <summary>Replays the requests of transcript 1 (client-side apply, then server-side apply with migration) through the semantics functions.</summary>
public sealed class KubectlApplyFlowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 7, 29, 0, TimeSpan.Zero);
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    private const string Manifest = """{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"image":"nginx:1.27","message":"hello","replicas":3}}""";

    [Fact]
    public void Client_side_apply_then_forced_server_side_apply_with_migration_behaves_like_the_real_server()
    {
        // kubectl apply (create), then kubectl apply app-changed.yaml (three-way merge patch)
        var created = TestFiles.Json("""
            {"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"v1"},"labels":{"app":"web"},"name":"web","namespace":"default","resourceVersion":"108"},
             "spec":{"image":"nginx:1.27","message":"hello","replicas":3}}
            """);
        ManagedFields.RecordUpdate(null, created, "kubectl-client-side-apply", "Update", T0);
        var changed = (JsonObject)JsonMergePatch.Apply(created, TestFiles.Json("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"v2"},"labels":{"tier":"frontend"}},"spec":{"message":null,"replicas":4}}
            """))!;
        ManagedFields.RecordUpdate(created, changed, "kubectl-client-side-apply", "Update", T0.AddSeconds(10));

        // #36: apply --server-side without force conflicts on replicas only
        var refused = ServerSideApply.Apply(changed, TestFiles.Json(Manifest), "kubectl", force: false, T0.AddSeconds(20), meta: null);
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using visitcounter.io/v1alpha1: .spec.replicas",
            ApplyConflict.StatusMessage(refused.Conflicts));

        // #39: --force-conflicts
        var forced = ServerSideApply.Apply(changed, TestFiles.Json(Manifest), "kubectl", force: true, T0.AddSeconds(30), meta: null).Object!;
        Assert.True(JsonNodes.ValueEquals(JsonNode.Parse("""{"image":"nginx:1.27","message":"hello","replicas":3}"""), forced["spec"]));

        // #40: kubectl-last-applied re-applies the existing annotation: equal value, co-owned, no conflict
        var annotation = forced["metadata"]!["annotations"]![LastApplied]!.GetValue<string>();
        var lastAppliedIntent = TestFiles.Json("""{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"annotations":{},"name":"web","namespace":"default"}}""");
        lastAppliedIntent["metadata"]!["annotations"]![LastApplied] = annotation;
        var lastApplied = ServerSideApply.Apply(forced, lastAppliedIntent, "kubectl-last-applied", force: false, T0.AddSeconds(31), meta: null);
        Assert.True(lastApplied.Succeeded);

        // #41: kubectl finds an Update manager owning the annotation and migrates it into its own Apply entry
        var csa = ManagedFieldsEntry.ReadAll(lastApplied.Object).Single(e => e.Manager == "kubectl-client-side-apply");
        Assert.True(csa.Fields.Contains(["f:metadata", "f:annotations", "f:" + LastApplied]));
        var kubectlEntry = ManagedFieldsEntry.ReadAll(lastApplied.Object).Single(e => e.Manager == "kubectl");
        var merged = kubectlEntry with { Fields = kubectlEntry.Fields.Union(csa.Fields) };
        var lastAppliedEntry = ManagedFieldsEntry.ReadAll(lastApplied.Object).Single(e => e.Manager == "kubectl-last-applied");
        var migration = new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = new JsonArray(merged.ToJson(), lastAppliedEntry.ToJson()) },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/resourceVersion", ["value"] = "109" });
        var migrated = (JsonObject)JsonPatch.Apply(lastApplied.Object!, migration);
        ManagedFields.RecordUpdate(lastApplied.Object, migrated, "kubectl", "Update", T0.AddSeconds(32));
        Assert.Equal(["kubectl", "kubectl-last-applied"], ManagedFieldsEntry.ReadAll(migrated).Select(e => e.Manager));

        // #42: the re-apply now owns what CSA set: the label it no longer applies goes, co-owned fields stay
        var final = ServerSideApply.Apply(migrated, TestFiles.Json(Manifest), "kubectl", force: true, T0.AddSeconds(33), meta: null).Object!;
        Assert.Equal("""{"app":"web"}""", final["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(annotation, final["metadata"]!["annotations"]![LastApplied]!.GetValue<string>());
        Assert.True(JsonNodes.ValueEquals(JsonNode.Parse("""{"image":"nginx:1.27","message":"hello","replicas":3}"""), final["spec"]));
    }
}
