using System.Diagnostics;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Configuration;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Tests.TestServers;

namespace VisitCounter.Kube.Tests.Configuration;

/// <summary>Kubeconfigs written by the real kubectl (v1.32 is installed on our machines) must load and work.</summary>
public sealed class KubectlInteropTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private async Task KubectlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args.Append($"--kubeconfig={System.IO.Path.Combine(dir.Path, "config")}"))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {await stderr}");
    }

    [Fact]
    public async Task Embedded_certificates_written_by_kubectl_authenticate_against_a_mutual_tls_server()
    {
        using var pki = TestCertificates.Create();
        var ca = dir.Write("pki/ca.crt", pki.CaPem);
        var cert = dir.Write("pki/client.crt", pki.ClientCertificatePem);
        var key = dir.Write("pki/client.key", pki.ClientKeyPem);
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { ServerCertificate = pki.Server, ClientCertificateAuthority = pki.Ca });

        await KubectlAsync("config", "set-cluster", "local", $"--server={server.BaseAddress}", $"--certificate-authority={ca}", "--embed-certs=true");
        await KubectlAsync("config", "set-credentials", "admin", $"--client-certificate={cert}", $"--client-key={key}", "--embed-certs=true");
        await KubectlAsync("config", "set-context", "local", "--cluster=local", "--user=admin", "--namespace=visits");
        await KubectlAsync("config", "use-context", "local");

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(
            System.IO.Path.Combine(dir.Path, "config"), environment: new ConfigurationEnvironment(_ => null, dir.Path, dir.Path));
        using var client = new KubernetesClient(config);
        await client.ListAsync<V1Pod>(config.Namespace);

        Assert.Equal("visits", config.Namespace);

        // The kubectl dispatcher itself probes /version; only our request is of interest.
        var request = Assert.Single(server.Requests, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Equal("/api/v1/namespaces/visits/pods", request.Path);
        Assert.Equal("CN=operator, O=system:masters", request.ClientCertificateSubject);
    }

    [Fact]
    public async Task Exec_credentials_written_by_kubectl_run_the_plugin()
    {
        // kubectl stores the command relative to the kubeconfig ("bin/plugin.sh"); the loader must resolve it back.
        var plugin = dir.Write("bin/plugin.sh", """
            #!/bin/sh
            echo "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"$1-$TEAM\"}}"
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { AcceptBearerToken = t => t == "hello-blue" });
        await KubectlAsync("config", "set-cluster", "local", $"--server={server.BaseAddress}");
        await KubectlAsync("config", "set-credentials", "plugin-user", $"--exec-command={plugin}",
            "--exec-api-version=client.authentication.k8s.io/v1", "--exec-arg=hello", "--exec-env=TEAM=blue");
        await KubectlAsync("config", "set-context", "local", "--cluster=local", "--user=plugin-user");

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(
            System.IO.Path.Combine(dir.Path, "config"), "local", new ConfigurationEnvironment(_ => null, dir.Path, dir.Path));
        using var client = new KubernetesClient(config);
        await client.ListAsync<V1Pod>("default");

        Assert.Equal("Bearer hello-blue", Assert.Single(server.Requests, r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).Authorization);
        Assert.Contains("command: bin/plugin.sh", await File.ReadAllTextAsync(System.IO.Path.Combine(dir.Path, "config")), StringComparison.Ordinal);
    }
}
