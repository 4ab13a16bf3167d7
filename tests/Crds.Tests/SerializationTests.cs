using System.Text.Json;
using VisitCounter.Crds.Generation;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;
using VisitCounter.TestSupport.OpenApi;

namespace VisitCounter.Crds.Tests;

public sealed class SerializationTests
{
    private static VisitCounterApp FullApp() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", Namespace = "default", Generation = 4 },
        Spec = TestJson.ReadSpec("""
            {"replicas":3,"image":"counter:1","imagePullPolicy":"IfNotPresent","port":8080,"podManagementPolicy":"Parallel",
             "updateStrategy":{"type":"RollingUpdate","partition":1,"maxUnavailable":"25%"},"minReadySeconds":0,
             "storage":{"size":"1Gi","storageClassName":"standard","accessModes":["ReadWriteOnce"],"whenDeleted":"Retain","whenScaled":"Delete"},
             "service":{"type":"NodePort","port":80,"nodePort":30080},
             "resources":{"requests":{"cpu":"50m","memory":"64Mi"},"limits":{"memory":"128Mi"}},
             "env":[{"name":"LOG_LEVEL","value":"debug"}],
             "probes":{"liveness":{"enabled":true,"initialDelaySeconds":0,"periodSeconds":10,"failureThreshold":3},"readiness":{"enabled":true}},
             "visits":{"collect":true,"intervalSeconds":30}}
            """),
        Status = new VisitCounterAppStatus
        {
            ObservedGeneration = 4,
            Phase = VisitCounterAppPhases.Ready,
            Replicas = 3,
            ReadyReplicas = 3,
            UpdatedReplicas = 3,
            CurrentRevision = "web-5d8c7",
            UpdateRevision = "web-5d8c7",
            Selector = "app.kubernetes.io/name=visit-counter,app.kubernetes.io/instance=web",
            Visits = 127,
            Pods = [new PodVisitsStatus { Name = "web-0", Ready = true, Visits = 74 }, new PodVisitsStatus { Name = "web-1", Ready = false }],
            Conditions =
            [
                new V1Condition { Type = VisitCounterAppConditionTypes.Ready, Status = "True", Reason = "AllReplicasReady", Message = "3/3 ready", LastTransitionTime = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ObservedGeneration = 4 },
            ],
        },
    };

    [Fact]
    public void New_app_carries_its_apiVersion_and_kind()
    {
        var app = new VisitCounterApp();

        Assert.Equal("visitcounter.io/v1alpha1", app.ApiVersion);
        Assert.Equal("VisitCounterApp", app.Kind);
    }

    [Fact]
    public void Everything_the_operator_writes_validates_against_the_generated_crd_schema()
    {
        // Proves the C# property names, the source-generated JSON and the CRD schema agree field by field.
        var node = JsonSerializer.SerializeToNode(FullApp(), TestJson.Options.GetRequiredTypeInfo<VisitCounterApp>())!;
        var schema = TestJson.ToNode(CrdGenerator.Generate<VisitCounterApp>())["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

        Assert.Empty(OpenApiValidator.ValidateSchema(node, schema));
        Assert.Equal("25%", node["spec"]!["updateStrategy"]!["maxUnavailable"]!.GetValue<string>());
        Assert.Equal(127, node["status"]!["visits"]!.GetValue<long>());
        Assert.Null(node["status"]!["pods"]![1]!["visits"]);
    }

    [Fact]
    public void App_round_trips_through_json_without_losing_fields()
    {
        var typeInfo = TestJson.Options.GetRequiredTypeInfo<VisitCounterApp>();
        var json = JsonSerializer.Serialize(FullApp(), typeInfo);

        var again = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, typeInfo)!, typeInfo);

        Assert.Equal(json, again);
    }

    [Fact]
    public void Unknown_fields_survive_a_read_modify_write()
    {
        var typeInfo = TestJson.Options.GetRequiredTypeInfo<VisitCounterApp>();
        var app = JsonSerializer.Deserialize("""{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"web"},"spec":{},"futureField":{"a":1}}""", typeInfo)!;
        app.Spec.Replicas = 2;

        var node = JsonSerializer.SerializeToNode(app, typeInfo)!;

        Assert.Equal(1, node["futureField"]!["a"]!.GetValue<int>());
        Assert.Equal(2, node["spec"]!["replicas"]!.GetValue<int>());
    }
}
