using System.Globalization;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Configuration;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Configuration;

/// <summary>Runs real shell-script credential plugins.</summary>
public sealed class ExecCredentialProviderTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Script(string name, string body)
    {
        var path = dir.Write(name, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>A plugin that counts its runs in a file and prints token-N, expiring at the given time.</summary>
    private string CountingPlugin(string expiry)
    {
        var counter = System.IO.Path.Combine(dir.Path, "runs");
        return Script("plugin.sh", $$$"""
            n=$(cat "{{{counter}}}" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "{{{counter}}}"
            echo "$KUBERNETES_EXEC_INFO" > "{{{dir.Path}}}/exec-info"
            echo "$1 $PLUGIN_MODE" > "{{{dir.Path}}}/args"
            cat <<JSON
            {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-$n"{{{expiry}}}}}
            JSON
            """);
    }

    private int Runs => int.Parse(File.ReadAllText(System.IO.Path.Combine(dir.Path, "runs")).Trim(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Plugin_token_is_cached_until_its_expiration()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var command = CountingPlugin(""","expirationTimestamp":"2026-01-01T00:10:00Z" """);
        var provider = new ExecCredentialProvider(
            new ExecCredentialConfig { Command = command, Args = ["--cluster=dev"], Env = new Dictionary<string, string> { ["PLUGIN_MODE"] = "test" } },
            timeProvider: clock);

        Assert.Equal("token-1", (await provider.GetCredentialsAsync(CancellationToken.None)).BearerToken);
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("token-1", (await provider.GetCredentialsAsync(CancellationToken.None)).BearerToken);
        Assert.Equal(1, Runs);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("token-2", (await provider.GetCredentialsAsync(CancellationToken.None)).BearerToken);
        Assert.Equal(2, Runs);
        Assert.Equal("--cluster=dev test", File.ReadAllText(System.IO.Path.Combine(dir.Path, "args")).Trim());
        Assert.Contains("\"interactive\":false", File.ReadAllText(System.IO.Path.Combine(dir.Path, "exec-info")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_expiration_the_token_is_reused_until_invalidated()
    {
        var provider = new ExecCredentialProvider(new ExecCredentialConfig { Command = CountingPlugin(string.Empty) });
        await provider.GetCredentialsAsync(CancellationToken.None);
        await provider.GetCredentialsAsync(CancellationToken.None);
        Assert.Equal(1, Runs);

        provider.Invalidate();
        Assert.Equal("token-2", (await provider.GetCredentialsAsync(CancellationToken.None)).BearerToken);
    }

    [Fact]
    public async Task Kubeconfig_exec_plugin_authenticates_requests_end_to_end()
    {
        var command = CountingPlugin(string.Empty);
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { AcceptBearerToken = t => t == "token-1" });
        var path = dir.Write("config", $$"""
            current-context: c
            clusters:
            - name: k
              cluster: {server: "{{server.BaseAddress}}"}
            contexts:
            - name: c
              context: {cluster: k, user: u}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./{{System.IO.Path.GetFileName(command)}}
                  args: [--cluster=dev]
                  env: [{name: PLUGIN_MODE, value: kubeconfig}]
                  interactiveMode: Never
            """);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, environment: new ConfigurationEnvironment(_ => null, dir.Path, dir.Path));
        using var client = new KubernetesClient(config);

        await client.ListAsync<V1Pod>("default");

        Assert.Equal("Bearer token-1", server.Requests.Single().Authorization);
        Assert.Equal("--cluster=dev kubeconfig", File.ReadAllText(System.IO.Path.Combine(dir.Path, "args")).Trim());
    }

    [Fact]
    public async Task Plugin_client_certificate_is_used()
    {
        using var pki = TestCertificates.Create();
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1",
            ["kind"] = "ExecCredential",
            ["status"] = new Dictionary<string, string> { ["clientCertificateData"] = pki.ClientCertificatePem, ["clientKeyData"] = pki.ClientKeyPem },
        });
        var jsonFile = dir.Write("cred.json", json);
        var provider = new ExecCredentialProvider(new ExecCredentialConfig { Command = Script("cert.sh", $"cat '{jsonFile}'") });

        var credentials = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Null(credentials.BearerToken);
        Assert.Equal(pki.Client.Thumbprint, credentials.ClientCertificate!.Thumbprint);
    }

    [Theory]
    [InlineData("echo boom >&2; exit 3", "exited with code 3: boom")]
    [InlineData("echo not-json", "printed invalid JSON")]
    [InlineData("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{}}'", "neither status.token nor status.clientCertificateData")]
    [InlineData("echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'", "asked for client.authentication.k8s.io/v1")]
    public async Task Plugin_failures_are_reported_with_the_reason(string body, string expected)
    {
        var provider = new ExecCredentialProvider(new ExecCredentialConfig { Command = Script("bad.sh", body) });
        var error = await Assert.ThrowsAsync<KubeconfigException>(() => provider.GetCredentialsAsync(CancellationToken.None).AsTask());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_plugin_shows_the_install_hint()
    {
        var provider = new ExecCredentialProvider(new ExecCredentialConfig { Command = "/nonexistent/kube-login", InstallHint = "Install kube-login from example.org" });
        var error = await Assert.ThrowsAsync<KubeconfigException>(() => provider.GetCredentialsAsync(CancellationToken.None).AsTask());
        Assert.Contains("Install kube-login from example.org", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_mode_Always_is_refused_without_running_the_plugin()
    {
        var command = CountingPlugin(string.Empty);
        var provider = new ExecCredentialProvider(new ExecCredentialConfig { Command = command, InteractiveMode = "Always" });

        var error = await Assert.ThrowsAsync<KubeconfigException>(() => provider.GetCredentialsAsync(CancellationToken.None).AsTask());

        Assert.Contains("interactiveMode", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(System.IO.Path.Combine(dir.Path, "runs")));
    }
}
