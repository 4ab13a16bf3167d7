using System.Text.Json.Nodes;
using VisitCounter.Operator.Drift;

namespace VisitCounter.Operator.Tests.Drift;

public sealed class SemanticComparerTests
{
    private static JsonNode J(string json) => JsonNode.Parse(json)!;

    private static JsonNode Pod(string podSpec) => J("""{"spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":""" + podSpec + "}}}");

    private const string OurPod = """
        {"containers":[{"name":"counter","image":"a:1","env":[{"name":"PORT","value":"8080"},{"name":"MODE","value":"x"}],
          "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]}]}
        """;

    [Fact]
    public void Server_added_fields_are_not_drift() =>
        Assert.True(SemanticComparer.IsSatisfiedBy(
            J("""{"spec":{"type":"ClusterIP","ports":[{"name":"http","port":80}]}}"""),
            J("""{"spec":{"type":"ClusterIP","clusterIP":"10.0.0.1","sessionAffinity":"None","ports":[{"name":"http","port":80,"protocol":"TCP"}]},"status":{}}""")));

    [Fact]
    public void A_hand_edit_of_a_field_we_set_is_drift_and_named_by_merge_key()
    {
        var desired = J("""{"spec":{"template":{"spec":{"containers":[{"name":"counter","image":"a:1"}]}}}}""");
        var live = J("""{"spec":{"template":{"spec":{"containers":[{"name":"counter","image":"b:2","terminationMessagePath":"/dev/termination-log"}]}}}}""");
        Assert.False(SemanticComparer.IsSatisfiedBy(desired, live));
        Assert.Equal("spec.template.spec.containers[name=counter].image", SemanticComparer.FirstDifference(desired, live));
    }

    [Fact]
    public void Quantities_compare_by_value_in_resource_maps_only()
    {
        Assert.True(SemanticComparer.IsSatisfiedBy(J("""{"resources":{"requests":{"memory":"1Gi","cpu":"0.5"}}}"""), J("""{"resources":{"requests":{"memory":"1024Mi","cpu":"500m"}}}""")));
        Assert.False(SemanticComparer.IsSatisfiedBy(J("""{"env":[{"name":"A","value":"0.5"}]}"""), J("""{"env":[{"name":"A","value":"500m"}]}""")));
    }

    [Fact]
    public void Omitted_zero_values_equal_explicit_ones() =>
        Assert.True(SemanticComparer.IsSatisfiedBy(J("""{"spec":{"minReadySeconds":0,"paused":false,"env":[],"name":""}}"""), J("""{"spec":{}}""")));

    [Fact]
    public void A_missing_field_we_set_is_drift() =>
        Assert.False(SemanticComparer.IsSatisfiedBy(J("""{"spec":{"publishNotReadyAddresses":true}}"""), J("""{"spec":{}}""")));

    [Fact]
    public void What_a_mutating_webhook_adds_is_not_drift()
    {
        // A label, a toleration, an imagePullSecrets item, a sidecar, an env variable in our container, and the list
        // order the server keeps (its items first, new ones after): all someone else's.
        var live = Pod("""
            {"tolerations":[{"key":"dedicated","operator":"Exists"}],"imagePullSecrets":[{"name":"regcred"}],
             "containers":[{"name":"istio-proxy","image":"proxy:1"},
               {"name":"counter","image":"a:1","env":[{"name":"INJECTED","value":"1"},{"name":"PORT","value":"8080"},{"name":"MODE","value":"x"}],
                "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"volumeMounts":[{"name":"token","mountPath":"/var/run/token"},{"name":"data","mountPath":"/data"}]}]}
            """);
        live["spec"]!["template"]!["metadata"]!["labels"]!["injected-by"] = "policy";

        Assert.Null(SemanticComparer.FirstDifference(Pod(OurPod), live));
    }

    [Theory]
    [InlineData("""{"containers":[{"name":"counter","image":"b:2","env":[{"name":"PORT","value":"8080"},{"name":"MODE","value":"x"}],"ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]}]}""", "spec.template.spec.containers[name=counter].image")]
    [InlineData("""{"containers":[{"name":"counter","image":"a:1","env":[{"name":"PORT","value":"9090"},{"name":"MODE","value":"x"}],"ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]}]}""", "spec.template.spec.containers[name=counter].env[name=PORT].value")]
    [InlineData("""{"containers":[{"name":"counter","image":"a:1","env":[{"name":"PORT","value":"8080"}],"ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]}]}""", "spec.template.spec.containers[name=counter].env[name=MODE]")]
    [InlineData("""{"containers":[{"name":"counter","image":"a:1","env":[{"name":"PORT","value":"8080"},{"name":"MODE","value":"x"}],"ports":[{"name":"http","containerPort":9090,"protocol":"TCP"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]}]}""", "spec.template.spec.containers[name=counter].ports[containerPort=8080,protocol=TCP]")]
    [InlineData("""{"containers":[{"name":"sidecar","image":"a:1"}]}""", "spec.template.spec.containers[name=counter]")]
    public void A_changed_value_of_an_item_we_own_is_drift(string livePodSpec, string expectedPath) =>
        Assert.Equal(expectedPath, SemanticComparer.FirstDifference(Pod(OurPod), Pod(livePodSpec)));

    [Fact]
    public void Service_ports_are_matched_by_port_and_protocol_with_TCP_as_default()
    {
        var desired = J("""{"spec":{"ports":[{"name":"http","port":80,"targetPort":"http"}]}}""");
        Assert.True(SemanticComparer.IsSatisfiedBy(desired, J("""{"spec":{"ports":[{"name":"metrics","port":9100,"protocol":"TCP"},{"name":"http","port":80,"protocol":"TCP","targetPort":"http"}]}}""")));
        Assert.Equal("spec.ports[port=80,protocol=TCP]", SemanticComparer.FirstDifference(desired, J("""{"spec":{"ports":[{"name":"http","port":81,"protocol":"TCP"}]}}""")));
    }

    [Fact]
    public void Atomic_lists_are_compared_whole()
    {
        var desired = J("""{"capabilities":{"drop":["ALL"]}}""");
        Assert.True(SemanticComparer.IsSatisfiedBy(desired, J("""{"capabilities":{"drop":["ALL"]}}""")));
        Assert.Equal("capabilities.drop", SemanticComparer.FirstDifference(desired, J("""{"capabilities":{"drop":["ALL","NET_RAW"]}}""")));
    }

    [Fact]
    public void Missing_fields_are_those_the_server_did_not_store_at_all()
    {
        var applied = J("""{"spec":{"replicas":3,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0,"maxUnavailable":2}}}}""");
        var stored = J("""{"spec":{"replicas":3,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}""");

        Assert.Equal(["spec.updateStrategy.rollingUpdate.maxUnavailable"], SemanticComparer.MissingFields(applied, stored));
        Assert.Empty(SemanticComparer.MissingFields(applied, applied));
    }

    [Fact]
    public void A_field_path_removes_object_fields_and_keyed_list_items()
    {
        var node = J("""{"spec":{"rollingUpdate":{"partition":0,"maxUnavailable":2},"containers":[{"name":"a","env":[{"name":"X"},{"name":"Y"}]}]}}""").AsObject();

        Assert.True(FieldPath.Remove(node, "spec.rollingUpdate.maxUnavailable"));
        Assert.True(FieldPath.Remove(node, "spec.containers[name=a].env[name=X]"));
        Assert.False(FieldPath.Remove(node, "spec.containers[name=b].image"));
        Assert.Equal("""{"spec":{"rollingUpdate":{"partition":0},"containers":[{"name":"a","env":[{"name":"Y"}]}]}}""", node.ToJsonString());
    }
}
