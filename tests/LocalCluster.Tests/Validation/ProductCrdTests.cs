using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Validation;

namespace VisitCounter.LocalCluster.Tests.Validation;

/// <summary>The generated VisitCounterApp CRD stays inside the agreed CEL subset and its samples validate.</summary>
public sealed class ProductCrdTests
{
    private static readonly string CrdFile = Path.Combine(TestFiles.RepositoryRoot, "config", "crd", "bases", "visitcounter.io_visitcounterapps.yaml");

    private static CrdSchema Compile()
    {
        var crd = TestFiles.Yaml(CrdFile)[0];
        return CrdSchema.Compile((JsonObject)crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!);
    }

    [Fact]
    public void Generated_crd_compiles_and_every_sample_is_valid_after_defaulting()
    {
        var schema = Compile();
        var samples = Directory.GetFiles(Path.Combine(TestFiles.RepositoryRoot, "config", "samples"), "visitcounter_*.yaml");

        Assert.NotEmpty(samples);
        foreach (var sample in samples)
        {
            var app = TestFiles.Yaml(sample)[0];
            Assert.Empty(schema.Prune(app));
            schema.ApplyDefaults(app);
            Assert.Empty(schema.Validate(app, null));
        }
    }

    [Fact]
    public void Generated_rules_reject_partition_with_on_delete()
    {
        var schema = Compile();
        var app = TestFiles.Json("""
            {"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"web"},
             "spec":{"updateStrategy":{"type":"OnDelete","partition":1}}}
            """);
        schema.ApplyDefaults(app);

        var errors = schema.Validate(app, null);

        Assert.Contains(errors, e => e.Field == "spec.updateStrategy" && e.Message.Contains("partition is only allowed with type RollingUpdate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"maxUnavailable":1,"minAvailable":1}""")]
    [InlineData("""{}""")]
    public void Generated_rules_require_exactly_one_disruption_budget_value(string budget)
    {
        var schema = Compile();
        var app = TestFiles.Json(
            """{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"web"},"spec":{"disruptionBudget":"""
            + budget + "}}");
        schema.ApplyDefaults(app);

        var errors = schema.Validate(app, null);

        Assert.Contains(errors, e => e.Field == "spec.disruptionBudget" && e.Message.Contains("set exactly one of maxUnavailable or minAvailable", StringComparison.Ordinal));
    }
}
