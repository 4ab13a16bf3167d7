using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.Tests.Validation;

public sealed class BuiltinSchemasTests
{
    private static readonly Lazy<BuiltinSchemas> Schemas = new(() => BuiltinSchemas.Load(TestFiles.OpenApiFolder));

    [Fact]
    public void Fixture_builtins_have_no_unknown_fields_or_type_errors()
    {
        foreach (var obj in TestFiles.Yaml(Path.Combine(TestFiles.FixturesFolder, "builtins.yaml")))
        {
            Assert.True(Schemas.Value.Knows(obj));
            Assert.Empty(Schemas.Value.UnknownFields(obj));
            Assert.Empty(Schemas.Value.TypeErrors(obj));
        }
    }

    [Fact]
    public void Catches_a_misspelt_statefulset_field_at_any_depth()
    {
        var sts = TestFiles.Json("""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","labels":{"free":"form"}},
             "spec":{"replicass":1,"selector":{"matchLabels":{"app":"db"}},
               "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"c","imagee":"x","resources":{"requests":{"cpu":"1"}}}]}},
               "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClass":"x"}}]}}
            """);

        Assert.Equal(
            ["spec.replicass", "spec.template.spec.containers[0].imagee", "spec.volumeClaimTemplates[0].spec.storageClass"],
            Schemas.Value.UnknownFields(sts));
    }

    [Fact]
    public void Reports_mistyped_fields_and_accepts_int_or_string_and_quantities()
    {
        var svc = TestFiles.Json("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
             "spec":{"ports":[{"port":"80","targetPort":"http"},{"port":81,"targetPort":8080}],"publishNotReadyAddresses":"yes"}}
            """);
        var pvc = TestFiles.Json("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"d"},"spec":{"resources":{"requests":{"storage":1073741824}}}}""");

        Assert.Equal(
            [
                new FieldError("FieldValueTypeInvalid", "spec.ports[0].port", "Invalid value: \"string\": spec.ports[0].port in body must be of type integer: \"string\""),
                new FieldError("FieldValueTypeInvalid", "spec.publishNotReadyAddresses", "Invalid value: \"string\": spec.publishNotReadyAddresses in body must be of type boolean: \"string\""),
            ],
            Schemas.Value.TypeErrors(svc));
        Assert.Empty(Schemas.Value.TypeErrors(pvc));
    }

    [Theory]
    [InlineData("""{"spec":{"replicas":"3"}}""", "json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":5}]}}}}""", "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string")]
    [InlineData("""{"spec":"x"}""", "json: cannot unmarshal string into Go struct field StatefulSet.spec of type v1.StatefulSetSpec")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":{}}}}}""", "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container")]
    [InlineData("""{"metadata":{"labels":[]}}""", "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string")]
    [InlineData("""{"spec":{"replicas":1}}""", null)]
    public void Decode_errors_read_like_the_go_decoder(string body, string? expected)
    {
        var sts = TestFiles.Json(body);
        sts["apiVersion"] = "apps/v1";
        sts["kind"] = "StatefulSet";

        Assert.Equal(expected, Schemas.Value.DecodeError(sts));
    }

    [Fact]
    public void Knows_lease_from_the_v2_document_and_nothing_of_custom_resources()
    {
        var lease = TestFiles.Json("""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"l"},"spec":{"holderIdentity":"me","leaseDurationSecond":15}}""");
        var app = TestFiles.Json("""{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","spec":{"anything":1}}""");

        Assert.Equal(["spec.leaseDurationSecond"], Schemas.Value.UnknownFields(lease));
        Assert.False(Schemas.Value.Knows(app));
        Assert.Empty(Schemas.Value.UnknownFields(app));
    }
}
