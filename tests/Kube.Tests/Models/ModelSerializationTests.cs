using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Tests.Models;

public sealed class ModelSerializationTests
{
    private static readonly JsonSerializerOptions Options = KubernetesJson.Default;

    private static T RoundTrip<T>(string json, out string written)
    {
        var typeInfo = Options.GetRequiredTypeInfo<T>();
        var value = JsonSerializer.Deserialize(json, typeInfo)!;
        written = JsonSerializer.Serialize(value, typeInfo);
        return value;
    }

    [Fact]
    public void A_full_statefulset_round_trips_without_losing_fields()
    {
        const string json = """
            {"apiVersion":"apps/v1","kind":"StatefulSet",
             "metadata":{"name":"web","namespace":"ns","uid":"u1","resourceVersion":"7","generation":3,
               "creationTimestamp":"2024-05-01T10:00:00Z","labels":{"app":"web"},"annotations":{"a":"b"},
               "ownerReferences":[{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","name":"web","uid":"o1","controller":true,"blockOwnerDeletion":true}],
               "finalizers":["f"],"managedFields":[{"manager":"kubectl","operation":"Apply","fieldsV1":{"f:spec":{}}}]},
             "spec":{"replicas":3,"serviceName":"web-headless","podManagementPolicy":"Parallel","minReadySeconds":5,
               "selector":{"matchLabels":{"app":"web"}},
               "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2,"maxUnavailable":"50%"}},
               "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Delete"},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{
                 "securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
                 "containers":[{"name":"counter","image":"counter:1","ports":[{"name":"http","containerPort":8080}],
                   "env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},{"name":"VISITS_FILE","value":"/data/visits"}],
                   "volumeMounts":[{"name":"data","mountPath":"/data"}],
                   "resources":{"requests":{"cpu":"50m","memory":"64Mi"},"limits":{"memory":"128Mi"}},
                   "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":10,"failureThreshold":3},
                   "readinessProbe":{"httpGet":{"path":"/readyz","port":8080},"periodSeconds":5},
                   "securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}},
                   "unknownContainerField":{"x":1}}]}},
               "volumeClaimTemplates":[{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"standard","resources":{"requests":{"storage":"1Gi"}}}}]},
             "status":{"observedGeneration":3,"replicas":3,"readyReplicas":2,"currentReplicas":1,"updatedReplicas":2,"availableReplicas":2,
               "currentRevision":"web-1","updateRevision":"web-2","collisionCount":0,
               "conditions":[{"type":"Healthy","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z"}]},
             "someNewTopLevelField":"kept"}
            """;

        var sts = RoundTrip<V1StatefulSet>(json, out var written);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
        Assert.Equal(2, sts.Spec!.UpdateStrategy!.RollingUpdate!.Partition);
        Assert.Equal("metadata.name", sts.Spec.Template.Spec!.Containers[0].Env![0].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal(ResourceQuantity.Parse("1Gi"), sts.Spec.VolumeClaimTemplates![0].Spec!.Resources!.Requests!["storage"]);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), sts.Metadata.CreationTimestamp);
        Assert.Equal("web-2", sts.Status!.UpdateRevision);
    }

    [Fact]
    public void A_pod_disruption_budget_round_trips_with_int_or_percent_values_and_its_status()
    {
        const string json = """
            {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web","namespace":"lab"},
             "spec":{"maxUnavailable":"25%","selector":{"matchLabels":{"app":"web"}},"unhealthyPodEvictionPolicy":"IfHealthyBudget"},
             "status":{"observedGeneration":2,"disruptedPods":{"web-1":"2026-01-01T10:00:00Z"},"disruptionsAllowed":1,"currentHealthy":3,
              "desiredHealthy":2,"expectedPods":3,"conditions":[{"type":"DisruptionAllowed","status":"True","reason":"SufficientPods","message":""}]}}
            """;

        var budget = RoundTrip<V1PodDisruptionBudget>(json, out var written);

        Assert.Equal("25%", budget.Spec!.MaxUnavailable!.StringValue);
        Assert.Null(budget.Spec.MinAvailable);
        Assert.Equal((1, 3, 2, 3), (budget.Status!.DisruptionsAllowed, budget.Status.CurrentHealthy, budget.Status.DesiredHealthy, budget.Status.ExpectedPods));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p" } };
        Assert.Equal("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}""", JsonSerializer.Serialize(pod, KubeJsonContext.Default.V1Pod));
    }

    [Fact]
    public void Times_are_written_as_utc_seconds_and_lease_times_with_microseconds()
    {
        var time = new DateTimeOffset(2024, 5, 1, 12, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4560);
        var condition = new V1Condition { Type = "Ready", Status = "True", LastTransitionTime = time };
        Assert.Contains("\"lastTransitionTime\":\"2024-05-01T10:30:15Z\"", JsonSerializer.Serialize(condition, Options.GetRequiredTypeInfo<V1Condition>()), StringComparison.Ordinal);

        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = "l" }, Spec = new V1LeaseSpec { HolderIdentity = "me", RenewTime = time, LeaseDurationSeconds = 15 } };
        var json = JsonSerializer.Serialize(lease, Options.GetRequiredTypeInfo<V1Lease>());
        Assert.Contains("\"renewTime\":\"2024-05-01T10:30:15.123456Z\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("acquireTime", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize(json, Options.GetRequiredTypeInfo<V1Lease>())!;
        Assert.Equal(time.ToUniversalTime().AddTicks(-(time.Ticks % 10)), back.Spec!.RenewTime);
    }

    [Fact]
    public void A_bad_timestamp_names_the_expected_format()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"type":"Ready","status":"True","lastTransitionTime":"yesterday"}""", Options.GetRequiredTypeInfo<V1Condition>()));
        Assert.Contains("RFC 3339", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_carry_involved_object_and_micro_event_time()
    {
        var e = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = "web." , Namespace = "ns" },
            InvolvedObject = new V1ObjectReference { ApiVersion = "visitcounter.io/v1alpha1", Kind = "VisitCounterApp", Name = "web", Namespace = "ns", Uid = "u" },
            Reason = "Created", Message = "Created StatefulSet web", Type = "Normal",
            Source = new V1EventSource { Component = "visitcounter-operator" },
            EventTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Count = 1,
        };
        var node = JsonNode.Parse(JsonSerializer.Serialize(e, Options.GetRequiredTypeInfo<Corev1Event>()))!;
        Assert.Equal("2024-01-01T00:00:00.000000Z", node["eventTime"]!.GetValue<string>());
        Assert.Equal("VisitCounterApp", node["involvedObject"]!["kind"]!.GetValue<string>());
        Assert.Equal("visitcounter-operator", node["source"]!["component"]!.GetValue<string>());
    }

    [Fact]
    public void Crd_schema_keeps_kubernetes_extensions_and_additional_properties_forms()
    {
        const string json = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"visitcounterapps.visitcounter.io"},
             "spec":{"group":"visitcounter.io","scope":"Namespaced",
               "names":{"plural":"visitcounterapps","singular":"visitcounterapp","kind":"VisitCounterApp","listKind":"VisitCounterAppList","shortNames":["vca"],"categories":["all"]},
               "versions":[{"name":"v1alpha1","served":true,"storage":true,
                 "subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas","labelSelectorPath":".status.selector"}},
                 "additionalPrinterColumns":[{"name":"Replicas","type":"integer","jsonPath":".spec.replicas"}],
                 "schema":{"openAPIV3Schema":{"type":"object","properties":{
                   "spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.updateStrategy.type == 'RollingUpdate' || !has(self.updateStrategy.partition)","message":"partition only with RollingUpdate","fieldPath":".updateStrategy.partition","reason":"FieldValueForbidden"}],
                     "properties":{
                       "replicas":{"type":"integer","format":"int32","minimum":0,"maximum":1000,"default":1},
                       "maxUnavailable":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
                       "policy":{"type":"string","enum":["OrderedReady","Parallel"]},
                       "labels":{"type":"object","additionalProperties":{"type":"string"}},
                       "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"additionalProperties":false},
                       "env":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}}}},
                   "status":{"type":"object","nullable":true}}}}}]}}
            """;

        var crd = RoundTrip<V1CustomResourceDefinition>(json, out var written);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
        var version = crd.Spec.Versions[0];
        Assert.NotNull(version.Subresources!.Status);
        Assert.Equal(".status.selector", version.Subresources.Scale!.LabelSelectorPath);
        var spec = version.Schema!.OpenAPIV3Schema!.Properties!["spec"];
        Assert.Equal("FieldValueForbidden", spec.XKubernetesValidations![0].Reason);
        Assert.Equal("string", spec.Properties!["labels"].AdditionalProperties!.Schema!.Type);
        Assert.False(spec.Properties["free"].AdditionalProperties!.Allows);
        Assert.True(spec.Properties["maxUnavailable"].XKubernetesIntOrString);
        Assert.Equal(1, spec.Properties["replicas"].Default!.GetValue<int>());
        Assert.Equal(["name"], spec.Properties["env"].XKubernetesListMapKeys!);
    }

    [Fact]
    public void Status_errors_deserialize_with_causes()
    {
        var status = JsonSerializer.Deserialize(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"m","reason":"Invalid","details":{"name":"web","kind":"VisitCounterApp","causes":[{"reason":"FieldValueInvalid","message":"bad","field":"spec.replicas"}]},"code":422}""",
            KubeJsonContext.Default.V1Status)!;
        Assert.Equal(422, status.Code);
        Assert.Equal("spec.replicas", status.Details!.Causes![0].Field);
    }

    [Fact]
    public void Custom_entities_take_api_version_and_kind_from_their_attribute()
    {
        var widget = new Client.Widget();
        Assert.Equal("test.visitcounter.io/v1", widget.ApiVersion);
        Assert.Equal("Widget", widget.Kind);
        Assert.NotNull(widget.Spec);
        Assert.Null(widget.Status);
    }

    [Fact]
    public void Contributed_resolvers_are_combined_with_the_built_in_models()
    {
        var options = KubernetesJson.Create(Client.TestJsonContext.Default);
        var list = JsonSerializer.Deserialize(
            """{"apiVersion":"test.visitcounter.io/v1","kind":"WidgetList","metadata":{"resourceVersion":"5"},"items":[{"apiVersion":"test.visitcounter.io/v1","kind":"Widget","metadata":{"name":"w","creationTimestamp":"2024-05-01T10:00:00Z"},"spec":{"size":2}}]}""",
            options.GetRequiredTypeInfo<EntityList<Client.Widget>>())!;
        Assert.Equal("5", list.Metadata.ResourceVersion);
        Assert.Equal(2, list.Items[0].Spec.Size);

        // The Kubernetes time format applies to contributed types too.
        Assert.Contains("\"creationTimestamp\":\"2024-05-01T10:00:00Z\"", JsonSerializer.Serialize(list.Items[0], options.GetRequiredTypeInfo<Client.Widget>()), StringComparison.Ordinal);
        Assert.NotNull(options.GetRequiredTypeInfo<V1Pod>());
    }
}
