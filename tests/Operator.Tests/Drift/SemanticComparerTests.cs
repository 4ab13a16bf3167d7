using System.Text.Json.Nodes;
using VisitCounter.Operator.Drift;

namespace VisitCounter.Operator.Tests.Drift;

public sealed class SemanticComparerTests
{
    private static JsonNode J(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Server_added_fields_are_not_drift() =>
        Assert.True(SemanticComparer.IsSatisfiedBy(
            J("""{"spec":{"type":"ClusterIP","ports":[{"name":"http","port":80}]}}"""),
            J("""{"spec":{"type":"ClusterIP","clusterIP":"10.0.0.1","sessionAffinity":"None","ports":[{"name":"http","port":80,"protocol":"TCP"}]},"status":{}}""")));

    [Fact]
    public void A_hand_edit_of_a_field_we_set_is_drift_and_named()
    {
        var desired = J("""{"spec":{"template":{"spec":{"containers":[{"image":"a:1"}]}}}}""");
        var live = J("""{"spec":{"template":{"spec":{"containers":[{"image":"b:2","terminationMessagePath":"/dev/termination-log"}]}}}}""");
        Assert.False(SemanticComparer.IsSatisfiedBy(desired, live));
        Assert.Equal("$.spec.template.spec.containers[0].image", SemanticComparer.FirstDifference(desired, live));
    }

    [Fact]
    public void Quantities_compare_by_value_in_resource_maps_only()
    {
        Assert.True(SemanticComparer.IsSatisfiedBy(J("""{"resources":{"requests":{"memory":"1Gi","cpu":"0.5"}}}"""), J("""{"resources":{"requests":{"memory":"1024Mi","cpu":"500m"}}}""")));
        Assert.False(SemanticComparer.IsSatisfiedBy(J("""{"env":[{"value":"0.5"}]}"""), J("""{"env":[{"value":"500m"}]}""")));
    }

    [Fact]
    public void Omitted_zero_values_equal_explicit_ones() =>
        Assert.True(SemanticComparer.IsSatisfiedBy(J("""{"spec":{"minReadySeconds":0,"paused":false,"env":[],"name":""}}"""), J("""{"spec":{}}""")));

    [Fact]
    public void An_extra_list_item_is_drift() =>
        Assert.False(SemanticComparer.IsSatisfiedBy(J("""{"containers":[{"name":"counter"}]}"""), J("""{"containers":[{"name":"counter"},{"name":"sidecar"}]}""")));

    [Fact]
    public void A_missing_field_we_set_is_drift() =>
        Assert.False(SemanticComparer.IsSatisfiedBy(J("""{"spec":{"publishNotReadyAddresses":true}}"""), J("""{"spec":{}}""")));

    [Fact]
    public void Overlay_keeps_server_fields_and_replaces_lists()
    {
        var merged = JsonMerge.Overlay(
            J("""{"metadata":{"resourceVersion":"7","labels":{"extra":"x"}},"spec":{"clusterIP":"10.0.0.1","ports":[{"port":1,"nodePort":30001}]}}""").AsObject(),
            J("""{"metadata":{"labels":{"app":"web"}},"spec":{"ports":[{"port":80}]}}""").AsObject());
        Assert.Equal("""{"metadata":{"resourceVersion":"7","labels":{"extra":"x","app":"web"}},"spec":{"clusterIP":"10.0.0.1","ports":[{"port":80}]}}""", merged.ToJsonString());
    }
}
