using System.Text;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Configuration;

namespace VisitCounter.Kube.Tests.Configuration;

public sealed class KubeconfigTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private ConfigurationEnvironment Environment(string? kubeconfigVariable = null)
        => new(name => name == "KUBECONFIG" ? kubeconfigVariable : null, dir.Path, System.IO.Path.Combine(dir.Path, "sa"));

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Current_context_selects_cluster_user_and_namespace()
    {
        var path = dir.Write("config", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: dev-cluster
              cluster:
                server: https://127.0.0.1:6443/
                insecure-skip-tls-verify: true
            - name: prod-cluster
              cluster:
                server: https://prod:6443
            users:
            - name: dev-user
              user:
                token: dev-token
            contexts:
            - name: dev
              context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
            - name: prod
              context: {cluster: prod-cluster, user: dev-user}
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, environment: Environment());

        Assert.Equal("https://127.0.0.1:6443", config.Host);
        Assert.Equal("team-a", config.Namespace);
        Assert.Equal("dev", config.CurrentContext);
        Assert.Equal("dev-token", config.AccessToken);
        Assert.True(config.SkipTlsVerify);

        var prod = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, "prod", Environment());
        Assert.Equal("https://prod:6443", prod.Host);
        Assert.Equal("default", prod.Namespace);
        Assert.False(prod.SkipTlsVerify);
    }

    [Fact]
    public void KUBECONFIG_files_merge_with_the_first_file_winning()
    {
        var first = dir.Write("a/config", """
            current-context: from-a
            clusters:
            - name: shared
              cluster: {server: "https://first:1"}
            contexts:
            - name: from-a
              context: {cluster: shared, user: u}
            users:
            - name: u
              user: {token: first-token}
            """);
        var second = dir.Write("b/config", """
            current-context: from-b
            clusters:
            - name: shared
              cluster: {server: "https://second:2"}
            - name: only-b
              cluster: {server: "https://only-b:3"}
            contexts:
            - name: from-b
              context: {cluster: only-b, user: u}
            users:
            - name: u
              user: {token: second-token}
            """);
        var missing = System.IO.Path.Combine(dir.Path, "does-not-exist");
        var variable = string.Join(System.IO.Path.PathSeparator, first, missing, second);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(environment: Environment(variable));
        Assert.Equal("from-a", config.CurrentContext);
        Assert.Equal("https://first:1", config.Host);
        Assert.Equal("first-token", config.AccessToken);

        var fromB = KubernetesClientConfiguration.BuildConfigFromConfigFile(currentContext: "from-b", environment: Environment(variable));
        Assert.Equal("https://only-b:3", fromB.Host);
        Assert.Equal("first-token", fromB.AccessToken);
    }

    [Fact]
    public void Home_kubeconfig_is_the_fallback()
    {
        dir.Write(".kube/config", """
            current-context: c
            clusters: [{name: k, cluster: {server: "http://127.0.0.1:8080"}}]
            contexts: [{name: c, context: {cluster: k, user: ""}}]
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(environment: Environment());

        Assert.Equal("http://127.0.0.1:8080", config.Host);
        Assert.Null(config.AccessToken);
    }

    [Fact]
    public void Certificate_data_and_relative_file_paths_are_loaded()
    {
        using var pki = TestServers.TestCertificates.Create();
        dir.Write("certs/client.crt", pki.ClientCertificatePem);
        dir.Write("certs/client.key", pki.ClientKeyPem);
        var path = dir.Write("config", $$"""
            current-context: c
            clusters:
            - name: k
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: {{B64(pki.CaPem)}}
                tls-server-name: kubernetes.default.svc
            users:
            - name: u
              user:
                client-certificate: certs/client.crt
                client-key: certs/client.key
            contexts:
            - name: c
              context: {cluster: k, user: u}
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, environment: Environment());

        Assert.Equal(pki.Ca.Thumbprint, Assert.Single(config.SslCaCerts!).Thumbprint);
        Assert.Equal("kubernetes.default.svc", config.TlsServerName);
        using var client = config.LoadClientCertificate();
        Assert.NotNull(client);
        Assert.True(client.HasPrivateKey);
        Assert.Equal(pki.Client.Thumbprint, client.Thumbprint);
    }

    [Fact]
    public async Task Token_file_is_resolved_relative_to_the_kubeconfig_and_used_for_requests()
    {
        dir.Write("secrets/token", "file-token\n");
        var path = dir.Write("config", """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://x:1"}}]
            users: [{name: u, user: {tokenFile: secrets/token}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, environment: Environment());

        Assert.Equal(System.IO.Path.Combine(dir.Path, "secrets", "token"), config.TokenFile);
        var credentials = await config.CreateCredentialProvider().GetCredentialsAsync(CancellationToken.None);
        Assert.Equal("file-token", credentials.BearerToken);
    }

    [Theory]
    [InlineData("current-context: nope\nclusters: []\ncontexts: []", "context 'nope' not found")]
    [InlineData("clusters: []", "no current-context is set")]
    [InlineData("current-context: c\ncontexts: [{name: c, context: {cluster: gone, user: u}}]", "refers to cluster 'gone'")]
    [InlineData("current-context: c\nclusters: [{name: k, cluster: {server: \"https://x\"}}]\ncontexts: [{name: c, context: {cluster: k, user: who}}]", "refers to user 'who'")]
    [InlineData("current-context: c\nclusters: [{name: k, cluster: {}}]\ncontexts: [{name: c, context: {cluster: k}}]", "has no server URL")]
    [InlineData("clusters: {not: a list}", "clusters must be a list")]
    [InlineData("current-context: c\nclusters: [{name: k, cluster: {server: \"https://x\", certificate-authority-data: \"%%%\"}}]\ncontexts: [{name: c, context: {cluster: k}}]", "certificate-authority-data is not valid base64")]
    [InlineData("key: [unclosed", "Invalid YAML")]
    public void Broken_kubeconfigs_fail_with_a_message_naming_the_problem(string yaml, string expected)
    {
        var path = dir.Write("config", yaml);
        var error = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(path, environment: Environment()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_give_an_error_that_lists_the_options()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(environment: Environment()));
        Assert.Contains("--kubeconfig", error.Message, StringComparison.Ordinal);
        Assert.Contains("KUBECONFIG", error.Message, StringComparison.Ordinal);

        var explicitMissing = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile("/no/such/file", environment: Environment()));
        Assert.Contains("/no/such/file", explicitMissing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merger_keeps_the_first_definition_of_each_name()
    {
        var a = new Kubeconfig(
            new Dictionary<string, KubeconfigCluster> { ["k"] = new() { Server = "a" } },
            new Dictionary<string, KubeconfigUser>(),
            new Dictionary<string, KubeconfigContext>(),
            null);
        var b = new Kubeconfig(
            new Dictionary<string, KubeconfigCluster> { ["k"] = new() { Server = "b" }, ["j"] = new() { Server = "j" } },
            new Dictionary<string, KubeconfigUser>(),
            new Dictionary<string, KubeconfigContext>(),
            "from-b");

        var merged = KubeconfigMerger.Merge([a, b]);

        Assert.Equal("a", merged.Clusters["k"].Server);
        Assert.Equal("j", merged.Clusters["j"].Server);
        Assert.Equal("from-b", merged.CurrentContext);
    }
}
