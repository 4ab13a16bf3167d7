using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    private static readonly PatchMeta Pod = PatchMeta.ForKind("v1", "Pod")!;
    private static readonly PatchMeta Service = PatchMeta.ForKind("v1", "Service")!;
    private static readonly PatchMeta StatefulSet = PatchMeta.ForKind("apps/v1", "StatefulSet")!;

    private static JsonObject Apply(string target, string patch, PatchMeta meta) =>
        (JsonObject)StrategicMergePatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!, meta);

    [Fact]
    public void Merges_containers_by_name_and_keeps_the_others()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}]},{"name":"sidecar","image":"busybox"}]}}""",
            """{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}""",
            Pod);

        Assert.Equal(
            """[{"name":"web","image":"nginx:1.28","ports":[{"containerPort":80}]},{"name":"sidecar","image":"busybox"}]""",
            result["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void Applies_kubectls_service_port_patch_with_delete_and_element_order()
    {
        var result = Apply(
            """{"spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}]}}""",
            """{"spec":{"$setElementOrder/ports":[{"port":81}],"ports":[{"name":"http","port":81,"targetPort":8080},{"$patch":"delete","port":80}]}}""",
            Service);

        Assert.Equal("""[{"name":"http","port":81,"targetPort":8080}]""", result["spec"]!["ports"]!.ToJsonString());
        Assert.Equal("""{"app":"web"}""", result["spec"]!["selector"]!.ToJsonString());
    }

    [Fact]
    public void Set_element_order_reorders_merged_containers()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"a","image":"3"}]}}""",
            Pod);

        Assert.Equal("""[{"name":"b","image":"2"},{"name":"a","image":"3"}]""", result["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void Set_element_order_interleaves_elements_only_the_server_has_where_the_live_list_had_them()
    {
        // live: a, s (added by someone else), b; the patch orders b before a and adds c
        var result = Apply(
            """{"spec":{"containers":[{"name":"a"},{"name":"s"},{"name":"b"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],"containers":[{"name":"c"}]}}""",
            Pod);

        Assert.Equal("""[{"name":"a"},{"name":"s"},{"name":"b"},{"name":"c"}]""", result["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void Set_element_order_orders_primitive_lists()
    {
        var result = Apply(
            """{"metadata":{"finalizers":["x","y"]}}""",
            """{"metadata":{"$setElementOrder/finalizers":["z","y","x"],"finalizers":["z"]}}""",
            Pod);

        Assert.Equal("""["z","y","x"]""", result["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Merges_env_by_name_and_container_ports_by_container_port_in_a_statefulset_template()
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":8080,"name":"http"}]}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}],"ports":[{"containerPort":9090,"name":"metrics"}]}]}}}}""",
            StatefulSet);

        var container = result["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]""", container["env"]!.ToJsonString());
        Assert.Equal("""[{"containerPort":8080,"name":"http"},{"containerPort":9090,"name":"metrics"}]""", container["ports"]!.ToJsonString());
    }

    [Fact]
    public void Merges_owner_references_by_uid_and_finalizers_as_a_set()
    {
        var result = Apply(
            """{"metadata":{"finalizers":["a"],"ownerReferences":[{"uid":"1","name":"x","controller":true}]}}""",
            """{"metadata":{"finalizers":["b","a"],"ownerReferences":[{"uid":"1","name":"y"},{"uid":"2","name":"z"}]}}""",
            Pod);

        Assert.Equal("""["a","b"]""", result["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""[{"uid":"1","name":"y","controller":true},{"uid":"2","name":"z"}]""", result["metadata"]!["ownerReferences"]!.ToJsonString());
    }

    [Fact]
    public void Delete_from_primitive_list_removes_a_finalizer()
    {
        var result = Apply(
            """{"metadata":{"finalizers":["a","b","c"]}}""",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}""",
            Pod);

        Assert.Equal("""["a","c"]""", result["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Patch_replace_on_a_map_replaces_it_whole()
    {
        var result = Apply(
            """{"metadata":{"labels":{"a":"1","b":"2"}}}""",
            """{"metadata":{"labels":{"$patch":"replace","c":"3"}}}""",
            Pod);

        Assert.Equal("""{"c":"3"}""", result["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public void Patch_replace_inside_a_list_replaces_the_list()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}""",
            """{"spec":{"containers":[{"$patch":"replace"},{"name":"c","image":"3"}]}}""",
            Pod);

        Assert.Equal("""[{"name":"c","image":"3"}]""", result["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void Patch_delete_on_a_map_removes_the_field()
    {
        var result = Apply(
            """{"spec":{"securityContext":{"runAsUser":1000},"containers":[]}}""",
            """{"spec":{"securityContext":{"$patch":"delete"}}}""",
            Pod);

        Assert.False(result["spec"]!.AsObject().ContainsKey("securityContext"));
    }

    [Fact]
    public void Retain_keys_drops_the_keys_it_does_not_list()
    {
        var result = Apply(
            """{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}""",
            """{"spec":{"updateStrategy":{"$retainKeys":["type"],"type":"OnDelete"}}}""",
            StatefulSet);

        Assert.Equal("""{"type":"OnDelete"}""", result["spec"]!["updateStrategy"]!.ToJsonString());
    }

    [Fact]
    public void Lists_without_a_merge_strategy_are_replaced()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","args":["x","y"]}]}}""",
            """{"spec":{"containers":[{"name":"a","args":["z"]}]}}""",
            Pod);

        Assert.Equal("""["z"]""", result["spec"]!["containers"]![0]!["args"]!.ToJsonString());
    }

    [Fact]
    public void Null_deletes_and_directives_never_reach_the_stored_object()
    {
        var result = Apply(
            """{"metadata":{"labels":{"a":"1"}},"spec":{"containers":[]}}""",
            """{"metadata":{"labels":{"a":null}},"spec":{"containers":[{"name":"new","image":"i","$patch":"merge"}],"$setElementOrder/containers":[{"name":"new"}]}}""",
            Pod);

        Assert.Equal("""{"metadata":{"labels":{}},"spec":{"containers":[{"name":"new","image":"i"}]}}""", result.ToJsonString());
    }

    [Fact]
    public void A_list_element_without_its_merge_key_is_an_error_naming_the_key()
    {
        var error = Assert.Throws<PatchException>(() => Apply(
            """{"spec":{"containers":[]}}""",
            """{"spec":{"containers":[{"image":"x"}]}}""",
            Pod));

        Assert.Contains("does not contain declared merge key: name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_directive_is_an_error()
    {
        Assert.Throws<PatchException>(() => Apply("""{"spec":{}}""", """{"spec":{"$patch":"explode"}}""", Pod));
    }

    [Fact]
    public void Does_not_mutate_its_inputs()
    {
        var target = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"1"}]}}""")!;
        var patch = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"2"}]}}""")!;

        StrategicMergePatch.Apply(target, patch, Pod);

        Assert.Equal("""{"spec":{"containers":[{"name":"a","image":"1"}]}}""", target.ToJsonString());
        Assert.Equal("""{"spec":{"containers":[{"name":"a","image":"2"}]}}""", patch.ToJsonString());
    }
}
