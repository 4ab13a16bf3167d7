using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.Tests.Validation;

public sealed class BuiltinValidationTests
{
    private static readonly IReadOnlyList<JsonObject> Builtins = TestFiles.Yaml(Path.Combine(TestFiles.FixturesFolder, "builtins.yaml"));

    private static JsonObject Fixture(string kind) => (JsonObject)Builtins.Single(o => o["kind"]!.GetValue<string>() == kind).DeepClone();

    private static JsonObject Patched(JsonObject obj, string mergePatch) => (JsonObject)JsonMergePatch.Apply(obj, JsonNode.Parse(mergePatch))!;

    [Theory]
    [InlineData("apps", "statefulsets", "StatefulSet")]
    [InlineData("", "services", "Service")]
    [InlineData("", "persistentvolumeclaims", "PersistentVolumeClaim")]
    [InlineData("", "pods", "Pod")]
    public void Fixture_builtins_are_valid(string group, string resource, string kind)
    {
        Assert.Empty(BuiltinValidation.Validate(group, resource, Fixture(kind), null));
    }

    [Fact]
    public void Statefulset_selector_must_match_template_labels()
    {
        var sts = Patched(Fixture("StatefulSet"), """{"spec":{"template":{"metadata":{"labels":{"app":"other"}}}}}""");

        var error = Assert.Single(BuiltinValidation.Validate("apps", "statefulsets", sts, null));

        Assert.Equal(new FieldError("FieldValueInvalid", "spec.template.metadata.labels", "Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"), error);
    }

    [Fact]
    public void Statefulset_selector_is_required_and_replicas_non_negative()
    {
        var sts = Patched(Fixture("StatefulSet"), """{"spec":{"selector":null,"replicas":-1}}""");

        Assert.Equal(
            [
                new FieldError("FieldValueInvalid", "spec.replicas", "Invalid value: -1: must be greater than or equal to 0"),
                new FieldError("FieldValueRequired", "spec.selector", "Required value"),
            ],
            BuiltinValidation.Validate("apps", "statefulsets", sts, null));
    }

    [Fact]
    public void Statefulset_strategies_use_unsupported_value_messages()
    {
        var sts = Patched(Fixture("StatefulSet"), """{"spec":{"podManagementPolicy":"Sometimes","updateStrategy":{"type":"OnDelete","rollingUpdate":{"partition":-2}}}}""");

        var errors = BuiltinValidation.Validate("apps", "statefulsets", sts, null);

        Assert.Contains(new FieldError("FieldValueNotSupported", "spec.podManagementPolicy", "Unsupported value: \"Sometimes\": supported values: \"OrderedReady\", \"Parallel\""), errors);
        Assert.Contains(errors, e => e.Field == "spec.updateStrategy.rollingUpdate" && e.Message.EndsWith("only allowed for updateStrategy 'RollingUpdate'", StringComparison.Ordinal));
        Assert.Contains(new FieldError("FieldValueInvalid", "spec.updateStrategy.rollingUpdate.partition", "Invalid value: -2: must be greater than or equal to 0"), errors);
    }

    [Fact]
    public void Statefulset_update_may_change_only_the_allowed_spec_fields()
    {
        var old = Fixture("StatefulSet");
        var scaled = Patched(old, """{"spec":{"replicas":5,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1}},"template":{"spec":{"containers":[{"name":"postgres","image":"postgres:17"}]}}}}""");
        var renamed = Patched(old, """{"spec":{"serviceName":"other"}}""");

        Assert.Empty(BuiltinValidation.Validate("apps", "statefulsets", scaled, old));
        Assert.Equal(
            new FieldError("FieldValueForbidden", "spec", "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"),
            Assert.Single(BuiltinValidation.Validate("apps", "statefulsets", renamed, old)));
    }

    [Fact]
    public void Pod_containers_need_names_and_images()
    {
        var pod = Patched(Fixture("Pod"), """{"spec":{"containers":[{"name":"web"},{"image":"x"},{"name":"web","image":"y","ports":[{"containerPort":70000}]}]}}""");

        var errors = BuiltinValidation.Validate("", "pods", pod, null);

        Assert.Equal(
            [
                "spec.containers[0].image: Required value",
                "spec.containers[1].name: Required value",
                "spec.containers[2].name: Duplicate value: \"web\"",
                "spec.containers[2].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            ],
            errors.Select(e => e.ToString()));
        Assert.Equal("spec.containers: Required value", Assert.Single(BuiltinValidation.Validate("", "pods", Patched(pod, """{"spec":{"containers":[]}}"""), null)).ToString());
    }

    [Fact]
    public void Container_env_names_port_names_and_resources_are_checked_with_the_real_messages()
    {
        var sts = Patched(Fixture("StatefulSet"), """
            {"spec":{"template":{"spec":{"containers":[{"name":"postgres","image":"postgres:16",
              "env":[{"name":"A=B","value":"1"},{"value":"2"},{"name":"1_OK"}],
              "ports":[{"containerPort":5432,"name":"Pg--port"}],
              "resources":{"requests":{"cpu":"2","memory":"lots"},"limits":{"cpu":"1"}}}]}}}}
            """);

        Assert.Equal(
            [
                "spec.template.spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
                "spec.template.spec.containers[0].env[1].name: Required value",
                "spec.template.spec.containers[0].resources.requests[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                "spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
                "spec.template.spec.containers[0].ports[0].name: Invalid value: \"Pg--port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "spec.template.spec.containers[0].ports[0].name: Invalid value: \"Pg--port\": must not contain consecutive hyphens",
            ],
            BuiltinValidation.Validate("apps", "statefulsets", sts, null).Select(e => e.ToString()));
    }

    [Fact]
    public void Service_ports_are_required_unless_headless_and_must_be_in_range()
    {
        var noPorts = Patched(Fixture("Service"), """{"spec":{"ports":null}}""");
        var headless = Patched(noPorts, """{"spec":{"clusterIP":"None"}}""");
        var badPorts = Patched(Fixture("Service"), """{"spec":{"type":"ClusterIP","ports":[{"name":"http","port":0},{"port":81,"nodePort":30001}]}}""");

        Assert.Equal("spec.ports: Required value", Assert.Single(BuiltinValidation.Validate("", "services", noPorts, null)).ToString());
        Assert.Empty(BuiltinValidation.Validate("", "services", headless, null));
        Assert.Equal(
            [
                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ports[1].name: Required value",
                "spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
            ],
            BuiltinValidation.Validate("", "services", badPorts, null).Select(e => e.ToString()));
    }

    [Fact]
    public void Service_node_ports_must_be_in_the_node_port_range_and_types_known()
    {
        var svc = Patched(Fixture("Service"), """{"spec":{"type":"NodePort","ports":[{"name":"http","port":80,"nodePort":80}]}}""");
        var odd = Patched(Fixture("Service"), """{"spec":{"type":"Magic"}}""");

        Assert.Equal(
            "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
            Assert.Single(BuiltinValidation.Validate("", "services", svc, null)).ToString());
        Assert.Equal(
            "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            Assert.Single(BuiltinValidation.Validate("", "services", odd, null)).ToString());
    }

    [Fact]
    public void Service_cluster_ip_is_immutable()
    {
        var old = Patched(Fixture("Service"), """{"spec":{"clusterIP":"10.96.0.10"}}""");
        var moved = Patched(old, """{"spec":{"clusterIP":"10.96.0.11"}}""");

        Assert.Equal("spec.clusterIPs[0]: Invalid value: \"10.96.0.11\": may not change once set", Assert.Single(BuiltinValidation.Validate("", "services", moved, old)).ToString());
    }

    [Fact]
    public void Pvc_needs_access_modes_and_a_storage_request()
    {
        var pvc = Patched(Fixture("PersistentVolumeClaim"), """{"spec":{"accessModes":null,"resources":null}}""");

        Assert.Equal(
            ["spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value"],
            BuiltinValidation.Validate("", "persistentvolumeclaims", pvc, null).Select(e => e.ToString()));
    }

    [Fact]
    public void Pvc_requests_may_only_grow_and_the_rest_of_the_spec_is_immutable()
    {
        var old = Fixture("PersistentVolumeClaim");
        var grown = Patched(old, """{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}""");
        var shrunk = Patched(old, """{"spec":{"resources":{"requests":{"storage":"512Mi"}}}}""");
        var classed = Patched(old, """{"spec":{"storageClassName":"standard","volumeName":"pv-1"}}""");
        var reclassed = Patched(classed, """{"spec":{"storageClassName":"fast"}}""");

        Assert.Empty(BuiltinValidation.Validate("", "persistentvolumeclaims", grown, old));
        Assert.Empty(BuiltinValidation.Validate("", "persistentvolumeclaims", classed, old));
        Assert.Equal("spec.resources.requests.storage: Forbidden: field can not be less than previous value", Assert.Single(BuiltinValidation.Validate("", "persistentvolumeclaims", shrunk, old)).ToString());
        Assert.Equal("spec: Forbidden: spec is immutable after creation except resources.requests for bound claims", Assert.Single(BuiltinValidation.Validate("", "persistentvolumeclaims", reclassed, classed)).ToString());
    }

    [Theory]
    [InlineData("1Gi", 1073741824)]
    [InlineData("512Mi", 536870912)]
    [InlineData("1G", 1000000000)]
    [InlineData("500m", 0.5)]
    [InlineData("2e3", 2000)]
    [InlineData("1.5Gi", 1610612736)]
    public void Quantities_parse_to_exact_values(string text, double expected)
    {
        Assert.True(Quantity.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("1 Gi")]
    [InlineData("Gi")]
    [InlineData("1Gb")]
    public void Malformed_quantities_are_rejected(string text)
    {
        Assert.False(Quantity.TryParse(text, out _));
    }
}
