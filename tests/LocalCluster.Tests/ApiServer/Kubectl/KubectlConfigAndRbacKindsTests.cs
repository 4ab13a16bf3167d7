using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.Server.Kubectl;

/// <summary>kubectl on Secrets, ConfigMaps, ServiceAccounts, Deployments, ReplicaSets and the RBAC kinds.</summary>
public sealed class KubectlConfigAndRbacKindsTests
{
    [Fact]
    public async Task Secrets_configmaps_and_serviceaccounts_are_created_listed_and_deleted()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("create", "secret", "generic", "creds", "--from-literal=user=admin", "--from-literal=password=s3cr3t");
        await cluster.Kubectl.SucceedAsync("create", "configmap", "settings", "--from-literal=mode=fast");
        await cluster.Kubectl.SucceedAsync("create", "serviceaccount", "robot");

        var output = await cluster.Kubectl.SucceedAsync("get", "secrets,configmaps,serviceaccounts");
        var secret = JsonNode.Parse(await cluster.Kubectl.SucceedAsync("get", "secret", "creds", "-o", "json"))!;
        var decoded = await cluster.Kubectl.SucceedAsync("get", "secret", "creds", "-o", "jsonpath={.data.password}");
        await cluster.Kubectl.SucceedAsync("delete", "secret", "creds");
        await cluster.Kubectl.SucceedAsync("delete", "cm", "settings");
        await cluster.Kubectl.SucceedAsync("delete", "sa", "robot");

        Assert.Matches(@"NAME\s+TYPE\s+DATA\s+AGE", output);
        Assert.Matches(@"secret/creds\s+Opaque\s+2\s+\d+s", output);
        Assert.Matches(@"configmap/settings\s+1\s+\d+s", output);
        Assert.Matches(@"serviceaccount/robot\s+0\s+\d+s", output);
        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
        Assert.Equal("s3cr3t", Encoding.UTF8.GetString(Convert.FromBase64String(decoded)));
        Assert.Empty(cluster.Server.Store.List(ResourceRef.Secrets, "default"));
    }

    [Fact]
    public async Task String_data_is_stored_as_base64_data_and_never_returned()
    {
        await using var cluster = await TestCluster.StartAsync();
        var manifest = Path.Combine(cluster.DataDirectory, "secret.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: v1
            kind: Secret
            metadata: {name: app}
            data: {kept: a2VwdA==, token: b2xk}
            stringData: {token: new-token}
            """);

        await cluster.Kubectl.SucceedAsync("apply", "-f", manifest);

        var stored = cluster.Server.Store.Get(ResourceRef.Secrets, "default", "app")!;
        Assert.Null(stored["stringData"]);
        Assert.Equal("kept", Encoding.UTF8.GetString(Convert.FromBase64String(stored["data"]!["kept"]!.GetValue<string>())));
        Assert.Equal("new-token", Encoding.UTF8.GetString(Convert.FromBase64String(stored["data"]!["token"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Secret_data_that_is_not_base64_is_a_bad_request()
    {
        await using var cluster = await TestCluster.StartAsync();

        var (status, body, _) = await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets",
            JsonNode.Parse("""{"metadata":{"name":"bad"},"data":{"key":"not base64!"}}"""));

        Assert.Equal(400, status);
        Assert.StartsWith("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deployments_and_replicasets_get_defaults_and_their_columns()
    {
        await using var cluster = await TestCluster.StartAsync(o => o with { OpenApiFolder = RepositoryPaths.KubernetesOpenApiDirectory });
        await ApplyDeploymentAsync(cluster, replicas: 2);
        var manifest = Path.Combine(cluster.DataDirectory, "rs.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: cache}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec: {containers: [{name: redis, image: "redis:7"}]}
            """);
        await cluster.Kubectl.SucceedAsync("apply", "-f", manifest);

        var output = await cluster.Kubectl.SucceedAsync("get", "deployments,replicasets", "-o", "wide");
        var deployment = cluster.Server.Store.Get(ResourceRef.Deployments, "default", "web")!;

        Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR", output);
        Assert.Matches(@"deployment.apps/web\s+0/2\s+0\s+0\s+\d+s\s+nginx\s+nginx:1.27\s+app=web", output);
        Assert.Matches(@"NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE", output);
        Assert.Matches(@"replicaset.apps/cache\s+1\s+0\s+0\s+\d+s\s+redis\s+redis:7\s+app=cache", output);
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}""", deployment["spec"]!["strategy"]!.ToJsonString());
        Assert.Equal(600, deployment["spec"]!["progressDeadlineSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_deployment_whose_selector_misses_its_template_is_invalid_and_the_selector_is_immutable()
    {
        await using var cluster = await TestCluster.StartAsync();
        await ApplyDeploymentAsync(cluster, replicas: 1);
        var manifest = Path.Combine(cluster.DataDirectory, "bad.json");
        await File.WriteAllTextAsync(manifest, """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"bad"},
             "spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"y"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
            """);

        var mismatch = await cluster.Kubectl.RunAsync("create", "-f", manifest);
        var selectorChange = await cluster.Kubectl.RunAsync("patch", "deployment", "web", "--type=merge", "-p",
            """{"spec":{"selector":{"matchLabels":{"app":"other"}},"template":{"metadata":{"labels":{"app":"other"}}}}}""");

        Assert.Contains("The Deployment \"bad\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"y\"}: `selector` does not match template `labels`", mismatch.Stderr);
        Assert.Contains("spec.selector: Invalid value:", selectorChange.Stderr);
        Assert.Contains("field is immutable", selectorChange.Stderr);
    }

    [Fact]
    public async Task Rbac_kinds_are_created_described_and_printed_as_kubectl_shows_them()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("create", "serviceaccount", "robot");
        await cluster.Kubectl.SucceedAsync("create", "role", "pod-reader", "--verb=get,list,watch", "--resource=pods,pods/log");
        await cluster.Kubectl.SucceedAsync("create", "rolebinding", "robot-reads", "--role=pod-reader", "--serviceaccount=default:robot");
        await cluster.Kubectl.SucceedAsync("create", "clusterrole", "node-lister", "--verb=list", "--resource=namespaces");
        await cluster.Kubectl.SucceedAsync("create", "clusterrolebinding", "robot-nodes", "--clusterrole=node-lister", "--serviceaccount=default:robot");

        var roles = await cluster.Kubectl.SucceedAsync("get", "roles,rolebindings", "-o", "wide");
        var clusterRoles = await cluster.Kubectl.SucceedAsync("get", "clusterroles");
        var described = await cluster.Kubectl.SucceedAsync("describe", "role", "pod-reader");

        Assert.Matches(@"NAME\s+CREATED AT", roles);
        Assert.Matches(@"role.rbac.authorization.k8s.io/pod-reader\s+\d{4}-\d\d-\d\dT", roles);
        Assert.Matches(@"rolebinding.rbac.authorization.k8s.io/robot-reads\s+Role/pod-reader\s+\d+s\s+default/robot", roles);
        Assert.Matches(@"cluster-admin\s+\d{4}-", clusterRoles);
        Assert.Matches(@"node-lister\s+\d{4}-", clusterRoles);
        Assert.Matches(@"pods/log\s+\[\]\s+\[\]\s+\[get list watch\]", described);
    }

    [Fact]
    public async Task A_rolebinding_cannot_change_its_role()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Kubectl.SucceedAsync("create", "rolebinding", "b", "--clusterrole=view", "--user=alice");

        var result = await cluster.Kubectl.RunAsync("patch", "rolebinding", "b", "--type=merge", "-p", """{"roleRef":{"name":"edit"}}""");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("roleRef: Invalid value:", result.Stderr);
        Assert.Contains("cannot change roleRef", result.Stderr);
    }

    /// <summary>kubectl create deployment posts a protobuf Deployment, which this server does not decode; apply sends JSON.</summary>
    private static async Task ApplyDeploymentAsync(TestCluster cluster, int replicas)
    {
        var manifest = Path.Combine(cluster.DataDirectory, "deployment.yaml");
        await File.WriteAllTextAsync(manifest, $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: {{{replicas}}}
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
            """);
        await cluster.Kubectl.SucceedAsync("apply", "-f", manifest);
    }
}
