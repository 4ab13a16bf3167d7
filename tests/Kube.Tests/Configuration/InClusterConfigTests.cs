using VisitCounter.Kube.Client;
using VisitCounter.Kube.Configuration;

namespace VisitCounter.Kube.Tests.Configuration;

public sealed class InClusterConfigTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly Dictionary<string, string> variables = new() { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

    public void Dispose() => dir.Dispose();

    private ConfigurationEnvironment Environment()
        => new(name => variables.GetValueOrDefault(name), System.IO.Path.Combine(dir.Path, "home"), System.IO.Path.Combine(dir.Path, "sa"));

    private void WriteServiceAccount(string token = "sa-token-1")
    {
        using var pki = TestServers.TestCertificates.Create();
        dir.Write("sa/token", token);
        dir.Write("sa/ca.crt", pki.CaPem);
        dir.Write("sa/namespace", "operators\n");
    }

    [Fact]
    public void Service_account_files_and_env_build_the_configuration()
    {
        WriteServiceAccount();

        Assert.True(KubernetesClientConfiguration.IsInCluster(Environment()));
        var config = KubernetesClientConfiguration.InClusterConfig(Environment());

        Assert.Equal("https://10.96.0.1:443", config.Host);
        Assert.Equal("operators", config.Namespace);
        Assert.Single(config.SslCaCerts!);
        Assert.Equal(System.IO.Path.Combine(dir.Path, "sa", "token"), config.TokenFile);
    }

    [Fact]
    public void Ipv6_service_host_is_bracketed()
    {
        WriteServiceAccount();
        variables["KUBERNETES_SERVICE_HOST"] = "fd00::1";
        Assert.Equal("https://[fd00::1]:443", KubernetesClientConfiguration.InClusterConfig(Environment()).Host);
    }

    [Fact]
    public void Outside_a_pod_the_error_says_to_use_a_kubeconfig()
    {
        variables.Clear();
        Assert.False(KubernetesClientConfiguration.IsInCluster(Environment()));
        var error = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.InClusterConfig(Environment()));
        Assert.Contains("kubeconfig", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_token_names_the_file_and_the_fix()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.InClusterConfig(Environment()));
        Assert.Contains("automountServiceAccountToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_token_is_picked_up_after_the_refresh_interval_but_not_before()
    {
        WriteServiceAccount("token-1");
        var config = KubernetesClientConfiguration.InClusterConfig(Environment());
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var provider = config.CreateCredentialProvider(clock);

        Assert.Equal("token-1", (await provider.GetCredentialsAsync(CancellationToken.None)).BearerToken);
        dir.Write("sa/token", "token-2");
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("token-1", (await provider.GetCredentialsAsync(CancellationToken.None)).BearerToken);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("token-2", (await provider.GetCredentialsAsync(CancellationToken.None)).BearerToken);
    }

    [Fact]
    public async Task A_temporarily_missing_token_file_keeps_the_last_good_token()
    {
        WriteServiceAccount("token-1");
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var provider = KubernetesClientConfiguration.InClusterConfig(Environment()).CreateCredentialProvider(clock);
        await provider.GetCredentialsAsync(CancellationToken.None);

        File.Delete(System.IO.Path.Combine(dir.Path, "sa", "token"));
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("token-1", (await provider.GetCredentialsAsync(CancellationToken.None)).BearerToken);
    }

    [Fact]
    public void Default_config_prefers_a_kubeconfig_and_falls_back_to_in_cluster()
    {
        WriteServiceAccount();
        Assert.Equal("https://10.96.0.1:443", KubernetesClientConfiguration.BuildDefaultConfig(Environment()).Host);

        dir.Write("home/.kube/config", """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://from-kubeconfig:6443"}}]
            contexts: [{name: c, context: {cluster: k}}]
            """);
        Assert.Equal("https://from-kubeconfig:6443", KubernetesClientConfiguration.BuildDefaultConfig(Environment()).Host);
    }

    [Fact]
    public void The_service_account_directory_variable_moves_the_mount_and_its_absence_keeps_the_well_known_path()
    {
        WriteServiceAccount();
        variables[ConfigurationEnvironment.ServiceAccountDirectoryVariable] = System.IO.Path.Combine(dir.Path, "sa");

        var moved = ConfigurationEnvironment.FromProcess(name => variables.GetValueOrDefault(name));
        var config = KubernetesClientConfiguration.InClusterConfig(moved);
        var standard = ConfigurationEnvironment.FromProcess(_ => null);

        Assert.Equal(System.IO.Path.Combine(dir.Path, "sa", "token"), config.TokenFile);
        Assert.Equal("operators", config.Namespace);
        Assert.Equal("/var/run/secrets/kubernetes.io/serviceaccount", standard.ServiceAccountDirectory);
    }
}
