using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Kubelet;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet;

public sealed class ContainerLaunchBuilderTests
{
    private static readonly LocalImage App = new("dotnet", ["/opt/counter-app.dll"]);
    private static readonly Dictionary<string, string?> Host = new() { ["PATH"] = "/usr/bin", ["SECRET_TOKEN"] = "leak", ["DOTNET_ROOT"] = "/usr/share/dotnet" };

    private static JsonObject PodWith(JsonObject container)
    {
        var pod = Manifests.Pod("web-0", container, claim: "data-web-0");
        pod["metadata"]!["uid"] = "uid-1";
        pod["metadata"]!["labels"]!["tier"] = "front";
        return pod;
    }

    private static (ContainerLaunch? Launch, WaitingState? Waiting) Build(JsonObject container, Dictionary<string, string>? volumes = null) =>
        ContainerLaunchBuilder.Build(PodWith(container), container, App, "127.0.0.5", "127.0.0.1", "/var/pod/containers/counter",
            volumes ?? new Dictionary<string, string> { ["data"] = "/cluster/volumes/default/data-web-0" }, Host);

    [Fact]
    public void Env_pointing_into_a_mount_is_translated_to_the_volume_directory()
    {
        var launch = Build(Manifests.CounterContainer()).Launch!;

        Assert.Equal("/cluster/volumes/default/data-web-0/visits", launch.Environment["VISITS_FILE"]);
    }

    [Fact]
    public void Downward_api_fills_name_labels_and_pod_ip()
    {
        var container = Manifests.CounterContainer();
        var env = container["env"]!.AsArray();
        env.Add((JsonNode)new JsonObject { ["name"] = "TIER", ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.labels['tier']" } } });
        env.Add((JsonNode)new JsonObject { ["name"] = "IP", ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "status.podIP" } } });

        var launch = Build(container).Launch!;

        Assert.Equal("web-0", launch.Environment["POD_NAME"]);
        Assert.Equal("front", launch.Environment["TIER"]);
        Assert.Equal("127.0.0.5", launch.Environment["IP"]);
        Assert.Equal("127.0.0.5", launch.Environment["BIND_ADDRESS"]);
    }

    [Fact]
    public void Host_environment_does_not_leak_except_what_starting_the_program_needs()
    {
        var launch = Build(Manifests.CounterContainer()).Launch!;

        Assert.False(launch.Environment.ContainsKey("SECRET_TOKEN"));
        Assert.Equal("/usr/bin", launch.Environment["PATH"]);
        Assert.Equal("/usr/share/dotnet", launch.Environment["DOTNET_ROOT"]);
        Assert.Equal("/var/pod/containers/counter/home", launch.Environment["HOME"]);
        Assert.Equal("/var/pod/containers/counter", launch.WorkingDirectory);
    }

    [Fact]
    public void Dollar_references_expand_from_earlier_variables_and_double_dollar_escapes()
    {
        var defined = new Dictionary<string, string> { ["A"] = "x" };

        Assert.Equal("x-y", ContainerLaunchBuilder.Expand("$(A)-y", defined));
        Assert.Equal("$(B)", ContainerLaunchBuilder.Expand("$(B)", defined));
        Assert.Equal("$(A)", ContainerLaunchBuilder.Expand("$$(A)", defined));
    }

    [Fact]
    public void Secret_reference_is_a_config_error_naming_the_variable()
    {
        var container = Manifests.CounterContainer();
        container["env"]!.AsArray().Add((JsonNode)new JsonObject
        {
            ["name"] = "PASSWORD",
            ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "s", ["key"] = "k" } },
        });

        var waiting = Build(container).Waiting!;

        Assert.Equal("CreateContainerConfigError", waiting.Reason);
        Assert.Contains("PASSWORD", waiting.Message, StringComparison.Ordinal);
        Assert.Contains("secretKeyRef", waiting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_of_a_volume_the_cluster_cannot_provide_is_a_config_error()
    {
        var waiting = Build(Manifests.CounterContainer(), new Dictionary<string, string>()).Waiting!;

        Assert.Equal("CreateContainerConfigError", waiting.Reason);
        Assert.Contains("\"data\"", waiting.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/data", "/v")]
    [InlineData("/data/visits", "/v/visits")]
    [InlineData("/database", "/database")]
    [InlineData("relative/data", "relative/data")]
    public void Translation_only_rewrites_paths_inside_the_mount(string value, string expected)
    {
        Assert.Equal(expected, ContainerLaunchBuilder.Translate(value, [("/data", "/v")]));
    }
}
