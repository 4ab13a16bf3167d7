using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Validation;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.Helm;

/// <summary>charts/visitcounter-operator renders the same CRD, RBAC rules and Deployment as config/ (kustomize).</summary>
public sealed class ChartMatchesConfigTests
{
    private static string Config(string path) => Path.Combine(RepositoryPaths.RepositoryRoot, "config", path);

    [Fact]
    public async Task The_chart_renders_the_crd_rules_and_deployment_of_config()
    {
        var rendered = await RenderAsync();

        Assert.True(JsonNode.DeepEquals(TestFiles.Yaml(Config("crd/bases/visitcounter.io_visitcounterapps.yaml"))[0], Single(rendered, "CustomResourceDefinition")),
            "charts/visitcounter-operator/crds differs from config/crd/bases: copy the generated CRD into the chart");
        AssertSame(Config("rbac/role.yaml"), Single(rendered, "ClusterRole"), "rules");
        AssertSame(Config("rbac/leader_election_role.yaml"), Single(rendered, "Role"), "rules");
        AssertSame(Config("rbac/role_binding.yaml"), Single(rendered, "ClusterRoleBinding"), "roleRef", "subjects");
        AssertSame(Config("rbac/leader_election_role_binding.yaml"), Single(rendered, "RoleBinding"), "roleRef", "subjects");
        var deployment = TestFiles.Yaml(Config("manager/manager.yaml")).Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        Assert.True(JsonNode.DeepEquals(deployment["spec"], Single(rendered, "Deployment")["spec"]),
            $"the chart's Deployment spec differs from config/manager/manager.yaml:\n{Single(rendered, "Deployment")["spec"]}");
        Assert.Equal("visitcounter-operator", Single(rendered, "ServiceAccount")["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Values_set_the_images_args_resources_and_leader_election()
    {
        var rendered = await RenderAsync("--set", "image.tag=0.2.0", "--set", "appImage.tag=0.2.1", "--set", "leaderElection.enabled=false", "--set", "extraArgs[0]=--max-concurrent-reconciles=4",
            "--set", "resources.limits.memory=512Mi", "--set", "metrics.port=9090");

        var container = Single(rendered, "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("visitcounter/operator:0.2.0", container["image"]!.GetValue<string>());
        Assert.Equal(["run", "--metrics-bind-address=:9090", "--health-probe-bind-address=:8081", "--log-format=json", "--app-image=$(APP_IMAGE)", "--max-concurrent-reconciles=4"],
            container["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("visitcounter/counter-app:0.2.1", container["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "APP_IMAGE")!["value"]!.GetValue<string>());
        Assert.Equal("512Mi", container["resources"]!["limits"]!["memory"]!.GetValue<string>());
        Assert.DoesNotContain(rendered, o => o["kind"]!.GetValue<string>() is "Role" or "RoleBinding");
    }

    private static void AssertSame(string configFile, JsonObject rendered, params string[] fields)
    {
        var expected = TestFiles.Yaml(configFile)[0];
        foreach (var field in fields)
        {
            Assert.True(JsonNode.DeepEquals(expected[field], rendered[field]),
                $"{field} of {rendered["kind"]} {rendered["metadata"]!["name"]} differs from {configFile}: {rendered[field]}");
        }
    }

    private static JsonObject Single(IReadOnlyList<JsonObject> objects, string kind) => objects.Single(o => o["kind"]!.GetValue<string>() == kind);

    private static async Task<IReadOnlyList<JsonObject>> RenderAsync(params string[] extra)
    {
        var home = Directory.CreateTempSubdirectory("helm-home-").FullName;
        try
        {
            var output = await HelmTool.SucceedAsync(home, ["template", "visitcounter-operator", Path.Combine(HelmTool.ChartsDirectory, "visitcounter-operator"),
                "--namespace", "visitcounter-system", "--include-crds", .. extra]);
            var file = Path.Combine(home, "rendered.yaml");
            await File.WriteAllTextAsync(file, output);
            return TestFiles.Yaml(file);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
