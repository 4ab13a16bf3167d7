using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.Server.Kubectl;

/// <summary>kubectl on built-in kinds: strategic-merge apply, built-in table columns, validation the real server does.</summary>
public sealed class KubectlBuiltinTests
{
    private static string Fixture(string name) => Path.Combine(TestCluster.Fixtures, name);

    [Fact]
    public async Task Apply_of_builtins_then_a_changed_manifest_uses_strategic_merge()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("builtins.yaml"));

        var changed = await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("builtins-changed.yaml"));

        Assert.Contains("service/web configured", changed);
        Assert.Contains("pod/web-0 configured", changed);
        Assert.Contains("statefulset.apps/db unchanged", changed);
        var service = cluster.Server.Store.Get(ResourceRef.Services, "default", "web")!;
        var ports = service["spec"]!["ports"]!.AsArray();
        Assert.Single(ports);
        Assert.Equal(81, ports[0]!["port"]!.GetValue<int>());
        Assert.Equal("nginx:1.28", cluster.Server.Store.Get(ResourceRef.Pods, "default", "web-0")!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_of_builtins_prints_the_server_side_columns()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("builtins.yaml"));

        var output = await cluster.Kubectl.SucceedAsync("get", "statefulsets,services,pvc,pods");

        Assert.Matches(@"NAME\s+READY\s+AGE", output);
        Assert.Matches(@"statefulset.apps/db\s+0/1\s+\d+s", output);
        Assert.Matches(@"NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE", output);
        Assert.Matches(@"service/web\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80/TCP\s+\d+s", output);
        Assert.Matches(@"persistentvolumeclaim/data\s+Pending\s+standard\s+<unset>\s+\d+s", output);
        Assert.Matches(@"pod/web-0\s+0/1\s+Pending\s+0\s+\d+s", output);
    }

    [Fact]
    public async Task A_statefulset_update_outside_the_mutable_fields_is_forbidden()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("builtins.yaml"));

        var result = await cluster.Kubectl.RunAsync("patch", "statefulset", "db", "--type=merge", "-p", """{"spec":{"serviceName":"other"}}""");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", result.Stderr);
    }

    [Fact]
    public async Task A_service_name_that_is_no_dns_label_is_invalid()
    {
        await using var cluster = await TestCluster.StartAsync();
        var manifest = Path.Combine(cluster.DataDirectory, "svc.json");
        await File.WriteAllTextAsync(manifest, """{"apiVersion":"v1","kind":"Service","metadata":{"name":"1web"},"spec":{"ports":[{"port":80}]}}""");

        var result = await cluster.Kubectl.RunAsync("create", "-f", manifest);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\"", result.Stderr);
    }

    [Fact]
    public async Task With_the_official_openapi_documents_unknown_builtin_fields_are_rejected()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { OpenApiFolder = RepositoryPaths.KubernetesOpenApiDirectory });
        var manifest = Path.Combine(cluster.DataDirectory, "sts.json");
        await File.WriteAllTextAsync(manifest, """
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},
             "spec":{"replicass":2,"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
                     "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}
            """);

        var result = await cluster.Kubectl.RunAsync("create", "-f", manifest);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown field \"spec.replicass\"", result.Stderr);
    }

    [Fact]
    public async Task A_pvc_gets_the_default_storage_class_and_may_grow_but_not_shrink()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { Https = false });
        await cluster.Kubectl.SucceedAsync("apply", "-f", Fixture("builtins.yaml"));
        var store = cluster.Server.Store;
        Assert.Equal("standard", store.Get(ResourceRef.PersistentVolumeClaims, "default", "data")!["spec"]!["storageClassName"]!.GetValue<string>());

        await store.PatchAsync(ResourceRef.PersistentVolumeClaims, "default", "data", PatchType.Merge,
            JsonNode.Parse("""{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}""")!);
        var shrink = await Assert.ThrowsAsync<ApiServer.Errors.ApiException>(() => store.PatchAsync(ResourceRef.PersistentVolumeClaims, "default", "data",
            PatchType.Merge, JsonNode.Parse("""{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}""")!));

        Assert.Equal(422, shrink.Code);
    }
}
