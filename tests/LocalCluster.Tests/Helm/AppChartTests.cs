using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Validation;
using VisitCounter.LocalCluster.Validation;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.Helm;

/// <summary>
/// examples/charts/app-python (the lab's chart): lints clean with helm 4 and renders ONE VisitCounterApp that the
/// API server's CRD validation accepts, for the default values and for every value set.
/// </summary>
public sealed class AppChartTests
{
    private static readonly string CrdFile = Path.Combine(RepositoryPaths.RepositoryRoot, "config", "crd", "bases", "visitcounter.io_visitcounterapps.yaml");

    [Fact]
    public async Task The_app_chart_lints_clean_in_strict_mode()
    {
        var home = Directory.CreateTempSubdirectory("helm-home-").FullName;
        try
        {
            var output = await HelmTool.SucceedAsync(home, ["lint", "--strict", HelmTool.AppChart]);

            Assert.Contains("0 chart(s) failed", output, StringComparison.Ordinal);
            Assert.DoesNotContain("[WARNING]", output, StringComparison.Ordinal);
            Assert.DoesNotContain("[ERROR]", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Theory]
    [InlineData("app-python", "app-python")]
    [InlineData("app-python-chart", "app-python-chart")]
    [InlineData("lab", "lab-app-python")]
    public async Task Default_values_render_one_app_the_crd_accepts_named_after_the_release(string release, string name)
    {
        var app = Assert.Single(await RenderAsync(release));

        Assert.Equal("VisitCounterApp", app["kind"]!.GetValue<string>());
        Assert.Equal(name, app["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(release, app["metadata"]!["labels"]!["app.kubernetes.io/instance"]!.GetValue<string>());
        AssertAccepted(app);
    }

    [Fact]
    public async Task Every_value_lands_on_its_spec_field_and_the_crd_accepts_the_result()
    {
        var app = Assert.Single(await RenderAsync("app-python",
            "--set", "replicas=3", "--set", "image=visitcounter/counter-app:0.1.1", "--set", "imagePullPolicy=Never",
            "--set", "podManagementPolicy=Parallel", "--set", "service.type=NodePort", "--set", "service.port=8000",
            "--set", "service.nodePort=30080", "--set", "storage.size=2Gi", "--set", "storage.storageClassName=fast",
            "--set", "storage.whenDeleted=Delete", "--set", "storage.whenScaled=Delete", "--set", "visits.intervalSeconds=2",
            "--set", "resources.limits.memory=256Mi", "--set-json", """env=[{"name":"GREETING","value":"hi"}]""",
            "--set", "updateStrategy.type=RollingUpdate", "--set", "updateStrategy.partition=1",
            "--set", "disruptionBudget.maxUnavailable=1", "--set", "nameOverride=counter"));

        var expected = JsonNode.Parse("""
            {"replicas":3,"image":"visitcounter/counter-app:0.1.1","imagePullPolicy":"Never","podManagementPolicy":"Parallel",
             "service":{"type":"NodePort","port":8000,"nodePort":30080},
             "storage":{"size":"2Gi","storageClassName":"fast","whenDeleted":"Delete","whenScaled":"Delete"},
             "visits":{"intervalSeconds":2},"resources":{"limits":{"memory":"256Mi"}},"env":[{"name":"GREETING","value":"hi"}],
             "updateStrategy":{"type":"RollingUpdate","partition":1},"disruptionBudget":{"maxUnavailable":1}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, app["spec"]), $"rendered spec: {app["spec"]}");
        Assert.Equal("counter", app["metadata"]!["name"]!.GetValue<string>());
        AssertAccepted(app);
    }

    [Fact]
    public async Task The_default_values_are_the_crds_defaults()
    {
        var rendered = Assert.Single(await RenderAsync("app-python"));
        var defaulted = JsonNode.Parse("""{"apiVersion":"visitcounter.io/v1alpha1","kind":"VisitCounterApp","metadata":{"name":"app-python"},"spec":{}}""")!.AsObject();
        Schema().ApplyDefaults(defaulted);

        foreach (var (path, value) in Leaves(rendered["spec"]!.AsObject(), "spec"))
        {
            var actual = path.Split('.').Aggregate<string, JsonNode?>(defaulted, (node, part) => node?[part]);
            Assert.True(JsonNode.DeepEquals(value, actual), $"values.yaml renders {path}: {value}, the CRD defaults it to {actual?.ToJsonString() ?? "nothing"}");
        }
    }

    [Fact]
    public async Task A_bad_value_is_refused_by_the_crd_naming_its_spec_field()
    {
        var app = Assert.Single(await RenderAsync("app-python", "--set", "storage.whenDeleted=Sometimes"));
        var schema = Schema();
        schema.ApplyDefaults(app);

        var error = Assert.Single(schema.Validate(app, null));

        Assert.Equal("spec.storage.whenDeleted", error.Field);
        Assert.StartsWith("Unsupported value: \"Sometimes\": supported values: \"Retain\", \"Delete\"", error.Message, StringComparison.Ordinal);
    }

    private static CrdSchema Schema() =>
        CrdSchema.Compile((JsonObject)TestFiles.Yaml(CrdFile)[0]["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!);

    /// <summary>What the API server does on create: nothing pruned (no unknown field), then defaults, then no error.</summary>
    private static void AssertAccepted(JsonObject app)
    {
        var schema = Schema();
        Assert.Empty(schema.Prune(app));
        schema.ApplyDefaults(app);
        var errors = schema.Validate(app, null);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonObject obj, string prefix) =>
        obj.SelectMany(p => p.Value is JsonObject child
            ? Leaves(child, $"{prefix}.{p.Key}")
            : [($"{prefix}.{p.Key}", p.Value)]);

    private static async Task<IReadOnlyList<JsonObject>> RenderAsync(string release, params string[] values)
    {
        var home = Directory.CreateTempSubdirectory("helm-home-").FullName;
        try
        {
            var output = await HelmTool.SucceedAsync(home, ["template", release, HelmTool.AppChart, "--namespace", "lab", .. values]);
            var file = Path.Combine(home, "rendered.yaml");
            await File.WriteAllTextAsync(file, output);
            return TestFiles.Yaml(file).Where(o => o.Count > 0).ToList();
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
