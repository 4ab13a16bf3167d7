using System.Text.Json.Nodes;
using VisitCounter.TestSupport;
using VisitCounter.TestSupport.OpenApi;

namespace VisitCounter.Crds.Tests;

public sealed class OpenApiValidatorTests
{
    private static OpenApiValidator Validator => OpenApiValidator.Load();

    private static JsonNode StatefulSet() => JsonNode.Parse("""
        {
          "apiVersion": "apps/v1",
          "kind": "StatefulSet",
          "metadata": {"name": "web", "namespace": "default", "labels": {"app.kubernetes.io/name": "visit-counter"}},
          "spec": {
            "serviceName": "web-headless",
            "replicas": 3,
            "podManagementPolicy": "Parallel",
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 1, "maxUnavailable": "25%"}},
            "selector": {"matchLabels": {"app.kubernetes.io/name": "visit-counter"}},
            "template": {
              "metadata": {"labels": {"app.kubernetes.io/name": "visit-counter"}},
              "spec": {
                "containers": [{
                  "name": "counter",
                  "image": "counter-app:1",
                  "ports": [{"name": "http", "containerPort": 8080}],
                  "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": 134217728}},
                  "readinessProbe": {"httpGet": {"path": "/readyz", "port": "http"}, "periodSeconds": 5}
                }]
              }
            },
            "volumeClaimTemplates": [{
              "metadata": {"name": "data"},
              "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
            }]
          }
        }
        """)!;

    [Fact]
    public void A_valid_StatefulSet_has_no_errors()
    {
        Assert.Empty(Validator.Validate(StatefulSet()));
    }

    [Fact]
    public void A_misspelt_field_is_an_error_naming_its_path()
    {
        var sts = StatefulSet();
        sts["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicyy"] = "Always";

        var error = Assert.Single(Validator.Validate(sts));

        Assert.Equal("spec.template.spec.containers[0].imagePullPolicyy: unknown field \"imagePullPolicyy\" (did you mean \"imagePullPolicy\"?)", error);
    }

    [Fact]
    public void A_wrong_type_is_an_error()
    {
        var sts = StatefulSet();
        sts["spec"]!["replicas"] = "three";

        var error = Assert.Single(Validator.Validate(sts));

        Assert.StartsWith("spec.replicas: must be an integer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_field_is_an_error()
    {
        var sts = StatefulSet();
        sts["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Remove("name");

        Assert.Contains("spec.template.spec.containers[0].name: required field is missing", Validator.Validate(sts));
    }

    [Fact]
    public void Int_or_string_accepts_both_forms_and_rejects_others()
    {
        var sts = StatefulSet();
        var probePort = sts["spec"]!["template"]!["spec"]!["containers"]![0]!["readinessProbe"]!["httpGet"]!;
        probePort["port"] = 8080;
        Assert.Empty(Validator.Validate(sts));

        probePort["port"] = new JsonObject();
        Assert.Contains(Validator.Validate(sts), e => e.StartsWith("spec.template.spec.containers[0].readinessProbe.httpGet.port: must be an integer or a string", StringComparison.Ordinal));
    }

    [Fact]
    public void Quantities_must_have_the_Kubernetes_syntax()
    {
        var sts = StatefulSet();
        sts["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["resources"]!["requests"]!["storage"] = "1 GB";

        var error = Assert.Single(Validator.Validate(sts));

        Assert.StartsWith("spec.volumeClaimTemplates[0].spec.resources.requests.storage: must be a quantity", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_in_the_v2_document_are_checked_and_lists_must_be_lists()
    {
        var crd = JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"a.b"},
             "spec":{"group":"b","names":{"plural":"a","kind":"A"},"scope":"Namespaced","versions":{"name":"v1"}}}
            """)!;

        var errors = Validator.Validate(crd);

        Assert.Contains(errors, e => e.StartsWith("spec.versions: must be a list", StringComparison.Ordinal));
    }

    [Fact]
    public void Definitions_are_found_by_full_or_shortened_name()
    {
        Assert.True(Validator.HasDefinition("io.k8s.api.apps.v1.StatefulSetSpec"));
        Assert.True(Validator.HasDefinition("v1.CustomResourceDefinition"));
        Assert.True(Validator.HasDefinition("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"));
        Assert.True(Validator.HasDefinition("io.k8s.api.coordination.v1.Lease"));
        Assert.False(Validator.HasDefinition("io.k8s.api.apps.v1.NoSuchThing"));
        Assert.Throws<KeyNotFoundException>(() => Validator.ValidateDefinition(new JsonObject(), "NoSuchThing"));
    }

    [Fact]
    public void Validating_by_definition_checks_nested_objects()
    {
        var spec = StatefulSet()["spec"]!;
        spec["minReadySeconds"] = true;

        var error = Assert.Single(Validator.ValidateDefinition(spec, "io.k8s.api.apps.v1.StatefulSetSpec"));

        Assert.StartsWith("minReadySeconds: must be an integer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_of_other_groups_are_found_by_apiVersion_and_kind()
    {
        var lease = JsonNode.Parse("""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"l"},"spec":{"holderIdentity":"me","leaseDurationSeconds":15,"renewTime":"2024-01-01T00:00:00.000000Z"}}""")!;
        var service = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"clusterIP":"None","ports":[{"name":"http","port":80,"targetPort":"http"}]}}""")!;

        Assert.Empty(Validator.Validate(lease));
        Assert.Empty(Validator.Validate(service));

        lease["spec"]!["renewTime"] = "yesterday";
        Assert.Contains("spec.renewTime: \"yesterday\" is not an RFC 3339 date-time", Validator.Validate(lease));
    }

    [Fact]
    public void Unknown_kinds_and_missing_apiVersion_are_reported_not_ignored()
    {
        Assert.Equal(["(root): no schema for apps/v1 Nonsense in the official documents"], Validator.Validate(JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Nonsense"}""")!));
        Assert.Equal(["(root): apiVersion and kind are required to pick a schema"], Validator.Validate(new JsonObject()));
    }

    [Fact]
    public void Structural_check_catches_an_untyped_node_and_a_type_inside_a_junctor()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{"a":{"description":"no type"},
             "b":{"type":"string","anyOf":[{"type":"string"}]}}}}}
            """)!.AsObject();

        var violations = StructuralSchema.Violations(schema);

        Assert.Contains(violations, v => v.StartsWith("openAPIV3Schema.properties.spec.properties.a: type is missing", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("openAPIV3Schema.properties.spec.properties.b.anyOf: type is not allowed inside a junctor", StringComparison.Ordinal));
    }

    [Fact]
    public void Shared_directory_is_found_beside_the_repository()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.KubernetesOpenApiDirectory, "swagger_v2_k8s-1.25.json")));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.RepositoryRoot, "Operator.sln")));
    }
}
