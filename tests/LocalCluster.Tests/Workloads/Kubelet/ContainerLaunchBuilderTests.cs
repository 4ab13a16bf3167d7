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

    [Fact]
    public void Args_follow_the_image_entrypoint_with_env_references_expanded()
    {
        var container = Manifests.CounterContainer();
        container["args"] = new JsonArray("run", "--app-image=$(POD_NAME)", "--literal=$$(POD_NAME)");

        var launch = Build(container).Launch!;

        Assert.Equal(["/opt/counter-app.dll", "run", "--app-image=web-0", "--literal=$(POD_NAME)"], launch.Arguments);
    }

    [Fact]
    public void Api_server_variables_come_first_and_the_pods_env_may_use_and_override_them()
    {
        var container = Manifests.CounterContainer();
        container["env"]!.AsArray().Add((JsonNode)new JsonObject { ["name"] = "API", ["value"] = "https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)" });
        container["env"]!.AsArray().Add((JsonNode)new JsonObject { ["name"] = "KUBERNETES_SERVICE_PORT_HTTPS", ["value"] = "8443" });
        var service = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = "6443", ["KUBERNETES_SERVICE_PORT_HTTPS"] = "6443" };

        var launch = ContainerLaunchBuilder.Build(PodWith(container), container, App, "127.0.0.5", "127.0.0.1", "/var/pod/containers/counter",
            new Dictionary<string, string> { ["data"] = "/cluster/volumes/default/data-web-0" }, Host, serviceEnvironment: service).Launch!;

        Assert.Equal("127.0.0.1", launch.Environment["KUBERNETES_SERVICE_HOST"]);
        Assert.Equal("https://127.0.0.1:6443", launch.Environment["API"]);
        Assert.Equal("8443", launch.Environment["KUBERNETES_SERVICE_PORT_HTTPS"]);
    }

    [Fact]
    public void Unsandboxed_service_account_volume_is_named_by_its_directory_variable()
    {
        var container = Manifests.CounterContainer();
        container["volumeMounts"]!.AsArray().Add((JsonNode)new JsonObject { ["name"] = "kube-api-access-x2b4c", ["mountPath"] = "/var/run/secrets/kubernetes.io/serviceaccount", ["readOnly"] = true });

        var launch = Build(container, new Dictionary<string, string>
        {
            ["data"] = "/cluster/volumes/default/data-web-0",
            ["kube-api-access-x2b4c"] = "/var/pod/volumes/kube-api-access-x2b4c",
        }).Launch!;

        Assert.Equal("/var/pod/volumes/kube-api-access-x2b4c", launch.Environment["KUBERNETES_SERVICE_ACCOUNT_DIR"]);
    }
}
