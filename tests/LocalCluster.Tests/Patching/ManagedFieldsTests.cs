using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Tests.Validation;

namespace VisitCounter.LocalCluster.Tests.Patching;

public sealed class ManagedFieldsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 7, 0, 36, TimeSpan.Zero);

    [Fact]
    public void Create_records_the_writer_as_an_update_manager_with_new_maps_marked()
    {
        var obj = TestFiles.Json("""
            {"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp",
             "metadata":{"name":"web","namespace":"default","uid":"u","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},"labels":{"app":"web"}},
             "spec":{"image":"nginx:1.27","replicas":3}}
            """);

        ManagedFields.RecordUpdate(null, obj, "kubectl-client-side-apply", "Update", T0);

        var entry = obj["metadata"]!["managedFields"]![0]!;
        Assert.Equal("kubectl-client-side-apply", entry["manager"]!.GetValue<string>());
        Assert.Equal("Update", entry["operation"]!.GetValue<string>());
        Assert.Equal(
            """{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:image":{},"f:replicas":{}}}""",
            entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void An_update_moves_ownership_of_changed_fields_to_the_writer()
    {
        var old = TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"a":1,"b":2}}""");
        ManagedFields.RecordUpdate(null, old, "creator", "Update", T0);
        var updated = TestFiles.Json(old.ToJsonString());
        updated["spec"]!["b"] = 3;

        ManagedFields.RecordUpdate(old, updated, "editor", "Update", T0.AddMinutes(1));

        var entries = ManagedFieldsEntry.ReadAll(updated);
        Assert.Equal(["creator", "editor"], entries.Select(e => e.Manager));
        Assert.Equal("""{"f:spec":{"f:a":{}}}""", entries[0].Fields.ToString());
        Assert.Equal("""{"f:spec":{"f:b":{}}}""", entries[1].Fields.ToString());
    }

    [Fact]
    public void Removed_fields_leave_every_managers_set_and_empty_entries_disappear()
    {
        var old = TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"a":1}}""");
        ManagedFields.RecordUpdate(null, old, "creator", "Update", T0);
        var updated = TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{}}""");

        ManagedFields.RecordUpdate(old, updated, "editor", "Update", T0);

        Assert.False(updated["metadata"]!.AsObject().ContainsKey("managedFields"));
    }

    [Fact]
    public void Managed_fields_sent_by_the_client_are_stored_verbatim_like_kubectls_migration_patch()
    {
        var live = TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","resourceVersion":"108"},"spec":{"a":1}}""");
        ManagedFields.RecordUpdate(null, live, "kubectl-client-side-apply", "Update", T0);
        var migrated = (JsonObject)JsonPatch.Apply(live, (JsonArray)JsonNode.Parse("""
            [{"op":"replace","path":"/metadata/managedFields","value":[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-11-21T07:00:36Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:a":{}}}}]},
             {"op":"replace","path":"/metadata/resourceVersion","value":"108"}]
            """)!);

        ManagedFields.RecordUpdate(live, migrated, "kubectl", "Update", T0.AddMinutes(1));

        var entry = Assert.Single(ManagedFieldsEntry.ReadAll(migrated));
        Assert.Equal(("kubectl", "Apply"), (entry.Manager, entry.Operation));
    }

    [Fact]
    public void A_write_that_changes_nothing_leaves_managed_fields_untouched()
    {
        var old = TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"1"}},"spec":{"a":1}}""");
        ManagedFields.RecordUpdate(null, old, "creator", "Update", T0);
        var same = TestFiles.Json(old.ToJsonString());

        ManagedFields.RecordUpdate(old, same, "creator", "Update", T0.AddHours(1));
        ManagedFields.RecordUpdate(old, same, "someone-else", "Update", T0.AddHours(2));

        Assert.True(JsonNodes.ValueEquals(old, same));
    }

    [Fact]
    public void Entries_are_sorted_apply_before_update_then_by_time()
    {
        var obj = TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"a":1}}""");
        ManagedFields.RecordUpdate(null, obj, "z-updater", "Update", T0);
        var applied = ServerSideApply.Apply(obj, TestFiles.Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"b":1}}"""), "applier", false, T0.AddHours(1), null).Object!;

        Assert.Equal(["applier", "z-updater"], ManagedFieldsEntry.ReadAll(applied).Select(e => e.Manager));
    }

    [Fact]
    public void Field_sets_round_trip_fields_v1_and_print_paths_like_the_server()
    {
        var fields = TestFiles.Json("""{"f:spec":{"f:containers":{"k:{\"name\":\"counter\"}":{".":{},"f:image":{}}},"f:finalizers":{"v:\"x\"":{}}}}""");

        var set = FieldSet.FromFieldsV1(fields);

        Assert.Equal(TestFiles.Text(fields), TestFiles.Text(set.ToFieldsV1()));
        Assert.Equal(
            [".spec.containers[name=\"counter\"]", ".spec.containers[name=\"counter\"].image", ".spec.finalizers[=\"x\"]"],
            set.Members().Select(FieldSet.Display));
    }
}
