using System.CommandLine;
using VisitCounter.Kube.Serialization;
using VisitCounter.Operator.Cli;
using VisitCounter.Operator.Rendering;
using VisitCounter.TestSupport.OpenApi;

namespace VisitCounter.Operator.Tests.Cli;

public sealed class RenderTests
{
    private const string TwoApps = """
        apiVersion: visitcounter.io/v1alpha1
        kind: VisitCounterApp
        metadata: {name: web, namespace: lab}
        spec: {replicas: 2, podManagementPolicy: Parallel}
        ---
        apiVersion: visitcounter.io/v1alpha1
        kind: VisitCounterApp
        metadata: {name: api}
        spec: {service: {type: LoadBalancer}}
        """;

    [Fact]
    public void Renders_three_valid_children_per_app_in_creation_order()
    {
        var result = ManifestRenderer.Render(TwoApps, OperatorDefaults.AppImage);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var documents = KubernetesYaml.LoadAll(result.Yaml);
        Assert.Equal(
            ["Service/web-headless", "Service/web", "StatefulSet/web", "Service/api-headless", "Service/api", "StatefulSet/api"],
            documents.Select(d => $"{d["kind"]}/{d["metadata"]!["name"]}"));
        Assert.Equal("lab", documents[2]["metadata"]!["namespace"]!.ToString());
        Assert.Equal("default", documents[5]["metadata"]!["namespace"]!.ToString());
        Assert.Equal("Parallel", documents[2]["spec"]!["podManagementPolicy"]!.ToString());
        Assert.Equal("LoadBalancer", documents[4]["spec"]!["type"]!.ToString());
        foreach (var document in documents)
        {
            OpenApiAssert.Valid(document);
        }
    }

    [Fact]
    public void Invalid_spec_gives_field_errors_and_no_output()
    {
        var result = ManifestRenderer.Render(
            "apiVersion: visitcounter.io/v1alpha1\nkind: VisitCounterApp\nmetadata: {name: web}\nspec: {replicas: -1, updateStrategy: {type: OnDelete, partition: 1}}\n",
            OperatorDefaults.AppImage);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Yaml);
        Assert.Contains(result.Errors, e => e.Contains("spec.replicas", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("partition", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", "render takes only")]
    [InlineData("apiVersion: visitcounter.io/v1alpha1\nkind: VisitCounterApp\nmetadata: {}\n", "metadata.name")]
    [InlineData("apiVersion: visitcounter.io/v1alpha1\nkind: VisitCounterApp\nmetadata: {name: web}\nspec: {replicas: many}\n", "replicas")]
    [InlineData("key: [unclosed", "Invalid YAML")]
    public void Unusable_documents_are_reported(string yaml, string expected)
    {
        var result = ManifestRenderer.Render(yaml, OperatorDefaults.AppImage);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_command_exits_0_with_yaml_and_1_with_errors()
    {
        var directory = Directory.CreateTempSubdirectory("render-");
        try
        {
            var good = Path.Combine(directory.FullName, "good.yaml");
            var bad = Path.Combine(directory.FullName, "bad.yaml");
            await File.WriteAllTextAsync(good, TwoApps);
            await File.WriteAllTextAsync(bad, "apiVersion: visitcounter.io/v1alpha1\nkind: VisitCounterApp\nmetadata: {name: web}\nspec: {port: 70000}\n");

            var (code, output, error) = await InvokeAsync("render", "-f", good, "--app-image", "example/counter:9");
            Assert.Equal(0, code);
            Assert.Contains("image: example/counter:9", output, StringComparison.Ordinal);
            Assert.Empty(error);

            (code, output, error) = await InvokeAsync("render", "-f", bad);
            Assert.Equal(1, code);
            Assert.Empty(output);
            Assert.Contains("spec.port", error, StringComparison.Ordinal);

            (code, _, error) = await InvokeAsync("render", "-f", Path.Combine(directory.FullName, "missing.yaml"));
            Assert.Equal(1, code);
            Assert.Contains("cannot read", error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Version_command_prints_the_default_app_image()
    {
        var (code, output, _) = await InvokeAsync("version");
        Assert.Equal(0, code);
        Assert.Contains(OperatorDefaults.AppImage, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_bind_address_is_a_usage_error_naming_the_flag()
    {
        var (code, _, error) = await InvokeAsync("run", "--metrics-bind-address", "nonsense");
        Assert.NotEqual(0, code);
        Assert.Contains("--metrics-bind-address", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_missing_kubeconfig_exits_1_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-kubeconfig-{Guid.NewGuid():N}");
        var (code, _, error) = await InvokeAsync("run", "--kubeconfig", missing, "--metrics-bind-address", "0", "--health-probe-bind-address", "0");
        Assert.Equal(1, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_log_format_is_a_usage_error()
    {
        var (code, _, error) = await InvokeAsync("run", "--log-format", "xml");
        Assert.NotEqual(0, code);
        Assert.Contains("xml", error, StringComparison.Ordinal);
    }

    internal static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliBuilder.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
