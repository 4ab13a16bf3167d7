using System.Text.Json.Nodes;
using VisitCounter.Crds.Generation;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.TestSupport.OpenApi;

namespace VisitCounter.Crds.Tests;

public sealed class CrdGeneratorTests
{
    private static readonly V1CustomResourceDefinition Crd = CrdGenerator.Generate<VisitCounterApp>();

    private static V1CustomResourceDefinitionVersion Version => Assert.Single(Crd.Spec.Versions);

    private static V1JSONSchemaProps Root => Version.Schema!.OpenAPIV3Schema!;

    private static V1JSONSchemaProps Spec => Root.Properties!["spec"];

    private static V1JSONSchemaProps Status => Root.Properties!["status"];

    [Fact]
    public void Names_group_and_scope_follow_the_API_design()
    {
        Assert.Equal("visitcounterapps.visitcounter.io", Crd.Metadata.Name);
        Assert.Equal("apiextensions.k8s.io/v1", Crd.ApiVersion);
        Assert.Equal("visitcounter.io", Crd.Spec.Group);
        Assert.Equal("Namespaced", Crd.Spec.Scope);
        Assert.Equal("VisitCounterApp", Crd.Spec.Names.Kind);
        Assert.Equal("VisitCounterAppList", Crd.Spec.Names.ListKind);
        Assert.Equal("visitcounterapps", Crd.Spec.Names.Plural);
        Assert.Equal("visitcounterapp", Crd.Spec.Names.Singular);
        Assert.Equal(["vca"], Crd.Spec.Names.ShortNames!);
        Assert.Equal(["all"], Crd.Spec.Names.Categories!);
        Assert.Equal("v1alpha1", Version.Name);
        Assert.True(Version.Served);
        Assert.True(Version.Storage);
    }

    [Fact]
    public void Status_and_scale_subresources_are_served()
    {
        Assert.NotNull(Version.Subresources!.Status);
        var scale = Version.Subresources.Scale!;
        Assert.Equal(".spec.replicas", scale.SpecReplicasPath);
        Assert.Equal(".status.replicas", scale.StatusReplicasPath);
        Assert.Equal(".status.selector", scale.LabelSelectorPath);
    }

    [Fact]
    public void Printer_columns_are_replicas_ready_visits_phase_age_in_order()
    {
        var columns = Version.AdditionalPrinterColumns!;

        Assert.Equal(["Replicas", "Ready", "Visits", "Phase", "Age"], columns.Select(c => c.Name));
        Assert.Equal([".spec.replicas", ".status.readyReplicas", ".status.visits", ".status.phase", ".metadata.creationTimestamp"], columns.Select(c => c.JsonPath));
        Assert.Equal(["integer", "integer", "integer", "string", "date"], columns.Select(c => c.Type));
    }

    [Fact]
    public void Printer_columns_and_scale_paths_point_at_schema_fields_of_the_right_type()
    {
        var paths = Version.AdditionalPrinterColumns!
            .Where(c => !c.JsonPath.StartsWith(".metadata.", StringComparison.Ordinal))
            .Select(c => (c.JsonPath, Type: c.Type))
            .Append((Version.Subresources!.Scale!.SpecReplicasPath, "integer"))
            .Append((Version.Subresources.Scale.StatusReplicasPath, "integer"))
            .Append((Version.Subresources.Scale.LabelSelectorPath!, "string"));

        foreach (var (path, type) in paths)
        {
            var schema = path.TrimStart('.').Split('.').Aggregate(Root, (node, field) =>
                (node.Properties is { } properties && properties.TryGetValue(field, out var child) ? child : null) ?? throw new Xunit.Sdk.XunitException($"{path}: no field {field} in the schema"));
            Assert.Equal(type, schema.Type);
        }
    }

    [Fact]
    public void Descriptions_come_from_the_xml_documentation()
    {
        Assert.StartsWith("VisitCounterApp runs the counter web app as a StatefulSet", Root.Description, StringComparison.Ordinal);
        Assert.Equal("The desired state of a VisitCounterApp. Every field is optional; unset fields take the documented defaults.", Spec.Description);
        Assert.Equal("Number of counter pods (0 to 1000). Defaults to 1.", Spec.Properties!["replicas"].Description);
        Assert.Equal(
            "The StatefulSet update strategy: RollingUpdate (optionally partitioned) or OnDelete.",
            new XmlDocumentation().Summary(typeof(UpdateStrategySpec)));
        Assert.Equal("How pods are replaced when the pod template changes.", Spec.Properties["updateStrategy"].Description);
    }

    [Fact]
    public void Spec_fields_carry_types_ranges_enums_patterns_and_defaults()
    {
        var replicas = Spec.Properties!["replicas"];
        Assert.Equal(("integer", "int32", 0d, 1000d), (replicas.Type, replicas.Format, replicas.Minimum, replicas.Maximum));
        Assert.Equal(1, replicas.Default!.GetValue<int>());

        var pullPolicy = Spec.Properties["imagePullPolicy"];
        Assert.Equal(["Always", "IfNotPresent", "Never"], pullPolicy.Enum!.Select(e => e!.GetValue<string>()));
        Assert.Equal("IfNotPresent", pullPolicy.Default!.GetValue<string>());

        Assert.Equal((1d, 65535d), (Spec.Properties["port"].Minimum!.Value, Spec.Properties["port"].Maximum!.Value));
        Assert.Equal(@"^\S*$", Spec.Properties["image"].Pattern);

        var storage = Spec.Properties["storage"];
        Assert.Equal("object", storage.Type);
        Assert.True(JsonNode.DeepEquals(new JsonObject(), storage.Default));
        Assert.True(storage.Properties!["size"].XKubernetesIntOrString);
        Assert.Null(storage.Properties["size"].Type);
        Assert.Equal("1Gi", storage.Properties["size"].Default!.GetValue<string>());
        Assert.Equal(QuantityPattern.Regex, storage.Properties["size"].Pattern);
        var accessModes = storage.Properties["accessModes"];
        Assert.Equal("array", accessModes.Type);
        Assert.Equal(4, accessModes.Items!.Enum!.Count);
        Assert.True(JsonNode.DeepEquals(new JsonArray("ReadWriteOnce"), accessModes.Default));

        var nodePort = Spec.Properties["service"].Properties!["nodePort"];
        Assert.Equal((30000d, 32767d), (nodePort.Minimum!.Value, nodePort.Maximum!.Value));
        Assert.Null(nodePort.Default);

        var readinessDefault = Spec.Properties["probes"].Properties!["readiness"].Default!;
        Assert.Equal(5, readinessDefault["periodSeconds"]!.GetValue<int>());
        Assert.Equal(30, Spec.Properties["visits"].Properties!["intervalSeconds"].Default!.GetValue<int>());
    }

    [Fact]
    public void MaxUnavailable_is_int_or_string_and_partition_has_no_schema_default()
    {
        var strategy = Spec.Properties!["updateStrategy"];

        Assert.True(strategy.Properties!["maxUnavailable"].XKubernetesIntOrString);
        Assert.Null(strategy.Properties["maxUnavailable"].Type);

        // A schema default for partition would make every OnDelete object violate the partition rule.
        Assert.Null(strategy.Properties["partition"].Default);
        Assert.Equal("RollingUpdate", strategy.Properties["type"].Default!.GetValue<string>());
    }

    [Fact]
    public void Cross_field_rules_are_CEL_validations_on_the_object_they_talk_about()
    {
        var strategyRules = Spec.Properties!["updateStrategy"].XKubernetesValidations!.Select(r => r.Rule).ToList();
        Assert.Contains("!has(self.partition) || !has(self.type) || self.type == 'RollingUpdate'", strategyRules);
        Assert.Contains("!has(self.maxUnavailable) || !has(self.type) || self.type == 'RollingUpdate'", strategyRules);

        var budgetRule = Assert.Single(Spec.Properties["disruptionBudget"].XKubernetesValidations!);
        Assert.Equal("has(self.maxUnavailable) != has(self.minAvailable)", budgetRule.Rule);
        Assert.Contains("exactly one of maxUnavailable or minAvailable", budgetRule.Message, StringComparison.Ordinal);

        var serviceRule = Assert.Single(Spec.Properties["service"].XKubernetesValidations!);
        Assert.Equal("!has(self.nodePort) || (has(self.type) && self.type != 'ClusterIP')", serviceRule.Rule);
        Assert.Contains("nodePort", serviceRule.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_name_is_restricted_to_a_short_DNS_label_in_the_metadata_schema()
    {
        var name = Root.Properties!["metadata"].Properties!["name"];

        Assert.Equal(("string", 52L, "^[a-z]([-a-z0-9]*[a-z0-9])?$"), (name.Type, name.MaxLength!.Value, name.Pattern));
        Assert.Single(Root.Properties["metadata"].Properties!);
        Assert.Null(Root.XKubernetesValidations);
    }

    [Fact]
    public void CEL_rules_stay_inside_the_subset_the_local_API_server_evaluates()
    {
        var rules = AllSchemas(Root).SelectMany(s => s.XKubernetesValidations ?? []).Select(r => r.Rule).ToList();
        Assert.NotEmpty(rules);

        foreach (var rule in rules)
        {
            Assert.True(CelSubset.IsWithinSubset(rule, out var problem), $"{rule}: {problem}");
        }
    }

    [Fact]
    public void Resource_quantities_are_int_or_string_with_the_Kubernetes_pattern()
    {
        var resources = Spec.Properties!["resources"];
        Assert.Equal("object", resources.Type);
        var limit = resources.Properties!["limits"].AdditionalProperties!.Schema!;

        Assert.True(limit.XKubernetesIntOrString);
        Assert.Equal(QuantityPattern.Regex, limit.Pattern);
        Assert.Equal(["integer", "string"], limit.AnyOf!.Select(a => a.Type));
    }

    [Fact]
    public void Conditions_and_pods_are_map_lists_with_required_keys()
    {
        var conditions = Status.Properties!["conditions"];
        Assert.Equal("map", conditions.XKubernetesListType);
        Assert.Equal(["type"], conditions.XKubernetesListMapKeys!);
        Assert.Contains("type", conditions.Items!.Required!);
        Assert.Equal("date-time", conditions.Items.Properties!["lastTransitionTime"].Format);
        Assert.Equal("int64", conditions.Items.Properties["observedGeneration"].Format);

        var pods = Status.Properties["pods"];
        Assert.Equal(["name"], pods.XKubernetesListMapKeys!);
        Assert.Contains("name", pods.Items!.Required!);
        Assert.Equal("int64", Status.Properties["visits"].Format);
    }

    [Fact]
    public void Unknown_fields_are_preserved_nowhere()
    {
        Assert.DoesNotContain(AllSchemas(Root), s => s.XKubernetesPreserveUnknownFields == true);
    }

    [Fact]
    public void Generated_crd_is_a_valid_CustomResourceDefinition_of_the_official_schema()
    {
        var node = TestJson.ToNode(Crd);

        Assert.Empty(OpenApiValidator.Load().ValidateDefinition(node, "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"));
        Assert.Empty(OpenApiValidator.Load().Validate(node));
    }

    [Fact]
    public void Generated_schema_is_structural()
    {
        var schema = TestJson.ToNode(Crd)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

        Assert.Empty(StructuralSchema.Violations(schema));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var again = CrdGenerator.Generate<VisitCounterApp>();

        Assert.Equal(CrdYaml.Write(Crd), CrdYaml.Write(again));
    }

    [Fact]
    public void Missing_xml_documentation_is_a_clear_error()
    {
        var noDocs = new XmlDocumentation(_ => null);

        var error = Assert.Throws<InvalidOperationException>(() => CrdGenerator.Generate(typeof(VisitCounterApp), noDocs));

        Assert.Contains("GenerateDocumentationFile", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<V1JSONSchemaProps> AllSchemas(V1JSONSchemaProps schema)
    {
        yield return schema;
        var children = (schema.Properties?.Values ?? [])
            .Concat(schema.Items is null ? [] : [schema.Items])
            .Concat(schema.AdditionalProperties?.Schema is { } additional ? [additional] : [])
            .Concat(schema.AnyOf ?? []);
        foreach (var child in children.SelectMany(AllSchemas))
        {
            yield return child;
        }
    }
}
