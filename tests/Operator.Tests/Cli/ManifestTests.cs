using System.Diagnostics;
using VisitCounter.Operator.Hosting;
using VisitCounter.Kube.Serialization;
using VisitCounter.Operator.Manifests;
using VisitCounter.Operator.Rendering;
using VisitCounter.TestSupport.OpenApi;
using VisitCounter.TestSupport;

namespace VisitCounter.Operator.Tests.Cli;

public sealed class ManifestTests
{
    private static string ConfigDirectory => Path.Combine(RepositoryPaths.RepositoryRoot, "config");

    [Fact]
    public void Checked_in_rbac_matches_the_permissions_in_code()
    {
        foreach (var (relativePath, content) in RbacManifests.Render())
        {
            Snapshot.FileMatches(Path.Combine(ConfigDirectory, relativePath), content, "dotnet run --project src/Operator -- generate");
        }
    }

    [Fact]
    public async Task Generate_writes_crd_and_rbac_into_an_empty_directory_and_is_idempotent()
    {
        var directory = Directory.CreateTempSubdirectory("generate-");
        try
        {
            var (code, output, _) = await RenderTests.InvokeAsync("generate", "--config-dir", directory.FullName);
            Assert.Equal(0, code);
            Assert.True(File.Exists(Path.Combine(directory.FullName, "rbac", "role.yaml")));
            Assert.True(File.Exists(Path.Combine(directory.FullName, "crd", "kustomization.yaml")));
            Assert.Contains("file(s) changed", output, StringComparison.Ordinal);

            (code, output, _) = await RenderTests.InvokeAsync("generate", "--config-dir", directory.FullName);
            Assert.Equal(0, code);
            Assert.Contains("up to date", output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Kubectl_kustomize_renders_the_default_install()
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(ConfigDirectory, "default")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await error);
        var text = await output;
        foreach (var expected in new[] { "kind: CustomResourceDefinition", "kind: ClusterRole", "kind: ServiceAccount", "kind: Deployment", "kind: Role", "--leader-elect" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_sample_renders_children_that_validate_against_the_official_schema()
    {
        var samples = Directory.GetFiles(Path.Combine(ConfigDirectory, "samples"), "visitcounter_*.yaml");
        Assert.Equal(6, samples.Length);
        foreach (var sample in samples)
        {
            var text = File.ReadAllText(sample);
            var result = ManifestRenderer.Render(text, OperatorDefaults.AppImage);
            Assert.True(result.Succeeded, $"{sample}: {string.Join("; ", result.Errors)}");
            var documents = KubernetesYaml.LoadAll(result.Yaml);

            // Two Services and the StatefulSet, plus the PodDisruptionBudget where the sample asks for one.
            Assert.Equal(text.Contains("disruptionBudget:", StringComparison.Ordinal) ? 4 : 3, documents.Count);
            foreach (var document in documents)
            {
                OpenApiAssert.Valid(document);
            }
        }
    }

    [Fact]
    public void Manager_manifests_validate_and_run_restricted_with_leader_election()
    {
        var documents = KubernetesYaml.LoadAll(File.ReadAllText(Path.Combine(ConfigDirectory, "manager", "manager.yaml")));
        foreach (var document in documents)
        {
            OpenApiAssert.Valid(document);
        }

        var deployment = documents.Single(d => d["kind"]!.ToString() == "Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        Assert.Equal("true", pod["securityContext"]!["runAsNonRoot"]!.ToJsonString());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.ToString());
        Assert.Equal("false", container["securityContext"]!["allowPrivilegeEscalation"]!.ToJsonString());
        Assert.Contains("--leader-elect", container["args"]!.AsArray().Select(a => a!.ToString()));
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.ToString());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.ToString());
        Assert.Equal(RbacManifests.Name, pod["serviceAccountName"]!.ToString());
    }

    [Theory]
    [InlineData(":8080", "0.0.0.0:8080")]
    [InlineData("127.0.0.1:9090", "127.0.0.1:9090")]
    [InlineData("[::1]:8081", "[::1]:8081")]
    public void Bind_addresses_parse_like_controller_runtime(string text, string expected)
    {
        Assert.True(BindAddress.TryParse(text, out var address, out _));
        Assert.Equal(expected, address!.ToString());
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("host:99999")]
    [InlineData("not-an-ip:80")]
    public void Bad_bind_addresses_explain_themselves(string text)
    {
        Assert.False(BindAddress.TryParse(text, out _, out var error));
        Assert.Contains(text.Split(':')[0], error, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_disables_an_endpoint()
    {
        Assert.True(BindAddress.TryParse("0", out var address, out _));
        Assert.Null(address);
    }

    [Theory]
    [InlineData(":8081", "127.0.0.21", "127.0.0.21:8081")]
    [InlineData("[::]:8081", "127.0.0.21", "127.0.0.21:8081")]
    [InlineData("127.0.0.1:8081", "127.0.0.21", "127.0.0.1:8081")]
    [InlineData(":8081", null, "0.0.0.0:8081")]
    [InlineData(":8081", "not-an-ip", "0.0.0.0:8081")]
    public void Every_interface_of_a_local_pod_is_its_own_address(string text, string? podAddress, string expected)
    {
        Assert.True(BindAddress.TryParse(text, out var address, out _));
        Assert.Equal(expected, address!.InPod(podAddress).ToString());
    }
}
