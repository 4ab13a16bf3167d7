using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.Generation;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Serialization;
using VisitCounter.TestSupport;
using VisitCounter.TestSupport.OpenApi;

namespace VisitCounter.Crds.Tests;

/// <summary>Custom resources checked against the generated CRD schema, as the API server would check them.</summary>
public sealed class CrdSchemaTests
{
    private static readonly JsonObject Schema =
        TestJson.ToNode(CrdGenerator.Generate<VisitCounterApp>())["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    [Fact]
    public void Samples_in_config_validate_against_the_crd_schema()
    {
        var samples = Directory.GetFiles(Path.Combine(RepositoryPaths.RepositoryRoot, "config", "samples"), "visitcounter_*.yaml");
        Assert.NotEmpty(samples);

        foreach (var sample in samples)
        {
            var errors = OpenApiValidator.ValidateSchema(KubernetesYaml.Load(File.ReadAllText(sample))!, Schema);
            Assert.True(errors.Count == 0, $"{sample}:\n{string.Join("\n", errors)}");
        }
    }

    [Fact]
    public void A_misspelt_spec_field_is_rejected_with_a_suggestion()
    {
        var app = JsonNode.Parse("""{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"web"},"spec":{"replicass":3}}""")!;

        var error = Assert.Single(OpenApiValidator.ValidateSchema(app, Schema));

        Assert.Equal("spec.replicass: unknown field \"replicass\" (did you mean \"replicas\"?)", error);
    }

    [Theory]
    [InlineData("""{"replicas":1001}""", "spec.replicas: 1001 is greater than the maximum 1000")]
    [InlineData("""{"replicas":"3"}""", "spec.replicas: must be an integer")]
    [InlineData("""{"podManagementPolicy":"Sometimes"}""", "spec.podManagementPolicy: \"Sometimes\" is not one of")]
    [InlineData("""{"storage":{"size":"1Gx"}}""", "spec.storage.size: \"1Gx\" does not match")]
    [InlineData("""{"updateStrategy":{"maxUnavailable":true}}""", "spec.updateStrategy.maxUnavailable: must be an integer or a string")]
    [InlineData("""{"env":[{"value":"x"}]}""", "spec.env[0].name: required field is missing")]
    [InlineData("""{"image":"my image"}""", "spec.image: \"my image\" does not match")]
    [InlineData("""{"rolloutRecovery":{"stuckAfterSeconds":29}}""", "spec.rolloutRecovery.stuckAfterSeconds: 29 is less than the minimum 30")]
    [InlineData("""{"disruptionBudget":{"maxUnavailable":"one"}}""", "spec.disruptionBudget.maxUnavailable: \"one\" does not match")]
    public void Schema_rejects_bad_values_before_the_operator_sees_them(string spec, string expected)
    {
        var app = new JsonObject { ["apiVersion"] = "visitcounter.io/v1alpha1", ["kind"] = "VisitCounterApp", ["spec"] = JsonNode.Parse(spec) };

        var errors = OpenApiValidator.ValidateSchema(app, Schema);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Web", "metadata.name: \"Web\" does not match")]
    [InlineData("a2345678901234567890123456789012345678901234567890123", "metadata.name: has 53 characters, more than the maximum 52")]
    public void Schema_restricts_the_object_name_but_no_other_metadata(string name, string expected)
    {
        var app = JsonNode.Parse("""{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"web","namespace":"default","labels":{"a":"b"}}}""")!;
        Assert.Empty(OpenApiValidator.ValidateSchema(app, Schema));

        app["metadata"]!["name"] = name;

        Assert.StartsWith(expected, Assert.Single(OpenApiValidator.ValidateSchema(app, Schema)), StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_defaults_agree_with_VisitCounterAppDefaults()
    {
        // What the API server stores for "spec: {}" must mean the same thing to the operator as an empty spec.
        var defaulted = new JsonObject();
        SchemaDefaults.Apply(defaulted, Schema["properties"]!["spec"]!.AsObject());
        var spec = defaulted.Deserialize(TestJson.Options.GetRequiredTypeInfo<VisitCounterAppSpec>())!;

        var fromSchema = VisitCounterAppDefaults.Apply(spec, "img");
        var fromCode = VisitCounterAppDefaults.Apply(new VisitCounterAppSpec(), "img");

        Assert.Equal(1, spec.Replicas);
        Assert.Equal("1Gi", spec.Storage!.Size!.ToString());
        Assert.Equal(fromCode with { Storage = fromSchema.Storage, Resources = fromSchema.Resources, Env = fromSchema.Env }, fromSchema);
        Assert.Equal(fromCode.Storage.Size, fromSchema.Storage.Size);
        Assert.Equal(fromCode.Storage.AccessModes, fromSchema.Storage.AccessModes);
        Assert.Equal((fromCode.Storage.WhenDeleted, fromCode.Storage.WhenScaled), (fromSchema.Storage.WhenDeleted, fromSchema.Storage.WhenScaled));
    }

    [Fact]
    public void A_new_app_reads_as_not_yet_observed_and_a_written_status_is_left_alone()
    {
        // The server drops the status of a create and defaults it on read: kstatus (helm --wait, Flux) then sees
        // generation 1 not yet observed (in progress) instead of a statusless object, which it would call current.
        var created = new JsonObject { ["metadata"] = new JsonObject { ["generation"] = 1 }, ["spec"] = new JsonObject() };
        SchemaDefaults.Apply(created, Schema);
        Assert.Equal("""{"observedGeneration":0}""", created["status"]!.ToJsonString());

        var written = new JsonObject { ["spec"] = new JsonObject(), ["status"] = new JsonObject { ["observedGeneration"] = 3, ["phase"] = "Ready" } };
        SchemaDefaults.Apply(written, Schema);
        Assert.Equal("""{"observedGeneration":3,"phase":"Ready"}""", written["status"]!.ToJsonString());
    }

    [Fact]
    public void Schema_defaults_pass_the_schema_and_the_validator()
    {
        var app = new JsonObject { ["apiVersion"] = "visitcounter.io/v1alpha1", ["kind"] = "VisitCounterApp", ["spec"] = new JsonObject() };
        SchemaDefaults.Apply(app, Schema);

        Assert.Empty(OpenApiValidator.ValidateSchema(app, Schema));
        Assert.Empty(Validation.VisitCounterAppValidator.Validate(app["spec"].Deserialize(TestJson.Options.GetRequiredTypeInfo<VisitCounterAppSpec>())));
    }
}
