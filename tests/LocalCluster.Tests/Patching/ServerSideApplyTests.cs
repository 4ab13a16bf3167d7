using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Tests.Validation;

namespace VisitCounter.LocalCluster.Tests.Patching;

public sealed class ServerSideApplyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 7, 0, 36, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    private static readonly PatchMeta StatefulSetMeta = PatchMeta.ForKind("apps/v1", "StatefulSet")!;

    private static JsonObject App(string spec, string labels = """{"app":"web"}""") => TestFiles.Json(
        $$"""{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"web","namespace":"default","labels":{{labels}}},"spec":{{spec}}}""");

    private static JsonObject Entry(JsonObject obj, string manager, string operation = "Apply") =>
        obj["metadata"]!["managedFields"]!.AsArray().OfType<JsonObject>()
            .Single(e => e["manager"]!.GetValue<string>() == manager && e["operation"]!.GetValue<string>() == operation);

    private static JsonObject CreatedByClientSideApply(string spec)
    {
        var obj = App(spec);
        ManagedFields.RecordUpdate(null, obj, "kubectl-client-side-apply", "Update", T0);
        return obj;
    }

    [Fact]
    public void Create_by_apply_records_an_apply_entry_with_the_applied_fields()
    {
        var result = ServerSideApply.Apply(null, App("""{"image":"nginx:1.27","message":"hello","replicas":3}"""), "kubectl", force: false, T0, meta: null);

        Assert.True(result.Succeeded);
        var entry = Entry(result.Object!, "kubectl");
        Assert.Equal("visitcounter.io/v1alpha1", entry["apiVersion"]!.GetValue<string>());
        Assert.Equal("2026-11-21T07:00:36Z", entry["time"]!.GetValue<string>());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.GetValue<string>());
        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:image":{},"f:message":{},"f:replicas":{}}}""",
            entry["fieldsV1"]!.ToJsonString());
        Assert.Equal(3, result.Object!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Changing_a_field_another_manager_owns_is_a_conflict_worded_like_the_real_server()
    {
        var live = CreatedByClientSideApply("""{"image":"nginx:1.27","replicas":4}""");

        var result = ServerSideApply.Apply(live, App("""{"image":"nginx:1.27","replicas":3}"""), "kubectl", force: false, T1, meta: null);

        Assert.Null(result.Object);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(".spec.replicas", conflict.FieldPath);
        Assert.Equal("conflict with \"kubectl-client-side-apply\" using visitcounter.io/v1alpha1", conflict.CauseMessage);
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using visitcounter.io/v1alpha1: .spec.replicas",
            ApplyConflict.StatusMessage(result.Conflicts));
    }

    [Fact]
    public void Equal_values_are_not_conflicts_and_become_co_owned()
    {
        var live = CreatedByClientSideApply("""{"image":"nginx:1.27","replicas":4}""");

        var result = ServerSideApply.Apply(live, App("""{"image":"nginx:1.27","replicas":4}"""), "kubectl", force: false, T1, meta: null);

        Assert.True(result.Succeeded);
        Assert.Contains("f:image", Entry(result.Object!, "kubectl-client-side-apply", "Update")["fieldsV1"]!["f:spec"]!.AsObject().Select(p => p.Key));
        Assert.Contains("f:image", Entry(result.Object!, "kubectl")["fieldsV1"]!["f:spec"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Force_transfers_ownership_of_the_conflicting_fields()
    {
        var live = CreatedByClientSideApply("""{"image":"nginx:1.27","replicas":4}""");

        var result = ServerSideApply.Apply(live, App("""{"image":"nginx:1.27","replicas":3}"""), "kubectl", force: true, T1, meta: null);

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Object!["spec"]!["replicas"]!.GetValue<int>());
        var csa = Entry(result.Object!, "kubectl-client-side-apply", "Update")["fieldsV1"]!["f:spec"]!.AsObject();
        Assert.False(csa.ContainsKey("f:replicas"));
        Assert.True(csa.ContainsKey("f:image"));
        Assert.True(Entry(result.Object!, "kubectl")["fieldsV1"]!["f:spec"]!.AsObject().ContainsKey("f:replicas"));
    }

    [Fact]
    public void Fields_a_manager_stops_applying_are_removed_when_nobody_else_owns_them()
    {
        var first = ServerSideApply.Apply(null, App("""{"image":"nginx:1.27","message":"hello","replicas":3}"""), "kubectl", false, T0, null).Object!;

        var second = ServerSideApply.Apply(first, App("""{"image":"nginx:1.27","replicas":3}""", """{"app":"web","tier":"frontend"}"""), "kubectl", false, T1, null).Object!;

        Assert.False(second["spec"]!.AsObject().ContainsKey("message"));
        Assert.Equal("frontend", second["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{},"f:tier":{}}},"f:spec":{"f:image":{},"f:replicas":{}}}""", Entry(second, "kubectl")["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void Fields_a_manager_stops_applying_stay_when_another_manager_owns_them()
    {
        var first = ServerSideApply.Apply(null, App("""{"image":"nginx:1.27","message":"hello"}"""), "kubectl", false, T0, null).Object!;
        var other = ServerSideApply.Apply(first, App("""{"message":"hello"}"""), "other-tool", false, T0, null).Object!;

        var second = ServerSideApply.Apply(other, App("""{"image":"nginx:1.27"}"""), "kubectl", false, T1, null).Object!;

        Assert.Equal("hello", second["spec"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public void An_update_takes_ownership_and_the_next_apply_conflicts_with_the_updater()
    {
        var applied = ServerSideApply.Apply(null, App("""{"image":"nginx:1.27","replicas":3}"""), "kubectl", false, T0, null).Object!;
        var scaled = (JsonObject)JsonMergePatch.Apply(applied, TestFiles.Json("""{"spec":{"replicas":5}}"""))!;
        ManagedFields.RecordUpdate(applied, scaled, "kubectl-scale", "Update", T1, null, "scale");

        Assert.False(Entry(scaled, "kubectl")["fieldsV1"]!["f:spec"]!.AsObject().ContainsKey("f:replicas"));
        var result = ServerSideApply.Apply(scaled, App("""{"image":"nginx:1.27","replicas":3}"""), "kubectl", false, T1, null);

        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-scale\" with subresource \"scale\" using visitcounter.io/v1alpha1: .spec.replicas",
            ApplyConflict.StatusMessage(result.Conflicts));
    }

    [Fact]
    public void A_conflict_with_another_applier_names_it_without_an_api_version()
    {
        var first = ServerSideApply.Apply(null, App("""{"message":"hello"}"""), "other-tool", false, T0, null).Object!;

        var result = ServerSideApply.Apply(first, App("""{"message":"bye"}"""), "kubectl", false, T1, null);

        Assert.Equal("Apply failed with 1 conflict: conflict with \"other-tool\": .spec.message", ApplyConflict.StatusMessage(result.Conflicts));
    }

    [Fact]
    public void Fields_of_an_untracked_object_belong_to_before_first_apply()
    {
        var untracked = App("""{"image":"nginx:1.27","replicas":4}""");

        var conflict = ServerSideApply.Apply(untracked, App("""{"image":"nginx:1.27","replicas":3}"""), "kubectl", false, T1, null);
        var agreed = ServerSideApply.Apply(untracked, App("""{"image":"nginx:1.27"}"""), "kubectl", false, T1, null).Object!;

        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"before-first-apply\" using visitcounter.io/v1alpha1: .spec.replicas",
            ApplyConflict.StatusMessage(conflict.Conflicts));
        Assert.Equal(["kubectl", "before-first-apply"], ManagedFieldsEntry.ReadAll(agreed).Select(e => e.Manager));
        Assert.Equal(4, agreed["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Several_conflicts_are_listed_per_manager()
    {
        var live = CreatedByClientSideApply("""{"image":"nginx:1.27","replicas":4}""");

        var result = ServerSideApply.Apply(live, App("""{"image":"nginx:1.28","replicas":3}"""), "kubectl", false, T1, null);

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using visitcounter.io/v1alpha1:\n- .spec.image\n- .spec.replicas",
            ApplyConflict.StatusMessage(result.Conflicts));
    }

    [Fact]
    public void Map_lists_are_owned_per_element_with_keys_and_schema_defaults()
    {
        var sts = TestFiles.Json("""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[
               {"name":"counter","image":"app:1","ports":[{"name":"http","containerPort":8080}]}]}}}}
            """);

        var result = ServerSideApply.Apply(null, sts, "visitcounter-operator", false, T0, StatefulSetMeta).Object!;

        var fields = Entry(result, "visitcounter-operator")["fieldsV1"]!["f:spec"]!;
        Assert.Equal("{}", fields["f:selector"]!.ToJsonString()); // LabelSelector is an atomic struct
        var container = fields["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"counter\"}"]!;
        Assert.Equal(
            """{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{}}}}""",
            TestFiles.Text(container));
    }

    [Fact]
    public void Map_list_elements_merge_by_key_and_dropped_elements_are_removed()
    {
        var v1 = TestFiles.Json("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}}}""");
        var v2 = TestFiles.Json("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"3"}]}}}}""");
        var first = ServerSideApply.Apply(null, v1, "op", false, T0, StatefulSetMeta).Object!;
        var withSidecarEnv = (JsonObject)JsonMergePatch.Apply(first, TestFiles.Json("{}"))!;

        var second = ServerSideApply.Apply(withSidecarEnv, v2, "op", false, T1, StatefulSetMeta).Object!;

        Assert.Equal("""[{"name":"a","image":"3"}]""", second["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void Another_managers_element_in_a_map_list_is_kept()
    {
        var mine = TestFiles.Json("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"}]}}}}""");
        var theirs = TestFiles.Json("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"s"}]}}}}""");
        var first = ServerSideApply.Apply(null, mine, "op", false, T0, StatefulSetMeta).Object!;

        var second = ServerSideApply.Apply(first, theirs, "injector", false, T1, StatefulSetMeta).Object!;
        var third = ServerSideApply.Apply(second, mine, "op", false, T1, StatefulSetMeta).Object!;

        Assert.Equal("""[{"name":"a","image":"1"},{"name":"sidecar","image":"s"}]""", third["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void Sets_are_owned_per_value()
    {
        var obj = TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","finalizers":["a.io/x"]}}""");

        var result = ServerSideApply.Apply(null, obj, "m", false, T0, PatchMeta.ForKind("v1", "Pod")).Object!;

        Assert.Equal("""{"f:metadata":{"f:finalizers":{"v:\"a.io/x\"":{}}}}""", TestFiles.Text(Entry(result, "m")["fieldsV1"]));
    }

    [Fact]
    public void Custom_resources_get_object_meta_semantics_for_metadata()
    {
        var meta = PatchMeta.FromSchema(TestFiles.Json("""{"type":"object","properties":{"spec":{"type":"object","properties":{"args":{"type":"array","items":{"type":"string"}}}}}}"""));
        var obj = App("""{"args":["a"]}""");
        obj["metadata"]!["finalizers"] = new JsonArray("visitcounter.io/cleanup");

        var result = ServerSideApply.Apply(null, obj, "op", false, T0, meta).Object!;

        var fields = Entry(result, "op")["fieldsV1"]!;
        Assert.Equal("""{"v:\"visitcounter.io/cleanup\"":{}}""", TestFiles.Text(fields["f:metadata"]!["f:finalizers"]));
        Assert.Equal("{}", fields["f:spec"]!["f:args"]!.ToJsonString());
        Assert.Equal(ListKind.Set, PatchMeta.ForObjectWithoutSchema().Property("metadata").Property("finalizers").ListKind);
    }

    [Fact]
    public void Apply_without_a_field_manager_or_with_managed_fields_is_rejected()
    {
        Assert.Throws<PatchException>(() => ServerSideApply.Apply(null, App("{}"), "", false, T0, null));
        var withManagedFields = TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","managedFields":[]}}""");
        var error = Assert.Throws<PatchException>(() => ServerSideApply.Apply(null, withManagedFields, "m", false, T0, null));
        Assert.Contains("metadata.managedFields must be nil", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_list_element_without_its_key_is_rejected_naming_the_key()
    {
        var meta = PatchMeta.FromSchema(TestFiles.Json("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{"ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["port"],
              "items":{"type":"object","properties":{"port":{"type":"integer"},"name":{"type":"string"}}}}}}}}
            """));
        var obj = TestFiles.Json("""{"apiVersion":"x.io/v1","kind":"X","metadata":{"name":"s"},"spec":{"ports":[{"name":"http"}]}}""");

        var error = Assert.Throws<PatchException>(() => ServerSideApply.Apply(null, obj, "m", false, T0, meta));

        Assert.Contains(".spec.ports: element 0: associative list with keys has an element that omits key field \"port\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reapplying_the_same_intent_keeps_the_entry_time()
    {
        var first = ServerSideApply.Apply(null, App("""{"image":"nginx:1.27"}"""), "kubectl", false, T0, null).Object!;

        var second = ServerSideApply.Apply(first, App("""{"image":"nginx:1.27"}"""), "kubectl", false, T1, null).Object!;

        Assert.True(JsonNodes.ValueEquals(first, second));
    }
}
