using System.Net;
using System.Text.RegularExpressions;
using VisitCounter.E2E.Tests.Infrastructure;

namespace VisitCounter.E2E.Tests.Shipping;

/// <summary><c>visitcounter-local</c> as a newcomer meets it: a quiet start, its data where they stand, ports kubectl never mistakes for a cluster.</summary>
public sealed partial class LocalHostTests : IDisposable
{
    private readonly string _here = Path.Combine(Path.GetTempPath(), "vc-local-" + Guid.NewGuid().ToString("N")[..8]);

    public LocalHostTests() => Directory.CreateDirectory(_here);

    [Fact]
    public async Task Starts_quietly_with_its_data_where_the_user_stands_and_probes_off_8080()
    {
        await using var local = LocalHostProcess.Start(_here);
        await local.WaitForOutputAsync("Ctrl-C stops everything.");

        var probes = ProbeLine().Match(local.Output);
        Assert.True(probes.Success, local.Output);
        var metrics = MetricsLine().Match(local.Output);
        Assert.True(metrics.Success, local.Output);
        Assert.NotEqual("8080", metrics.Groups["port"].Value);
        Assert.NotEqual("8080", probes.Groups["port"].Value);

        // Probe readiness the whole way up, as a kubelet would: not-yet-ready answers must not be logged as failures.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.True("the in-process operator reports ready", async () =>
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{probes.Groups["port"].Value}/readyz"));
            return response.StatusCode == HttpStatusCode.OK;
        }, describe: () => Task.FromResult(local.Output));

        Assert.True(File.Exists(Path.Combine(_here, ".local", "kubeconfig")), local.Output);
        Assert.Contains("export KUBECONFIG=$PWD/.local/kubeconfig", local.Output, StringComparison.Ordinal);
        var kubectl = new Kubectl(Path.Combine(_here, ".local", "kubeconfig"), Path.Combine(_here, "kubectl-cache"));
        Assert.Contains("visitcounterapps.visitcounter.io", await kubectl.RunAsync("get", "crd", "-o", "name"), StringComparison.Ordinal);

        await local.StopAsync();
        Assert.Equal(0, local.ExitCode);
        AssertQuiet(local.Output);
    }

    [Fact]
    public async Task Without_operator_runs_the_cluster_alone_with_the_crd_installed()
    {
        await using var local = LocalHostProcess.Start(_here, "--without-operator", "--data-dir", "cluster-only");
        await local.WaitForOutputAsync("Ctrl-C stops everything.");

        Assert.Contains("without an operator", local.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Operator metrics", local.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting visitcounter-operator", local.Output, StringComparison.Ordinal);
        var kubectl = new Kubectl(Path.Combine(_here, "cluster-only", "kubeconfig"), Path.Combine(_here, "kubectl-cache"));
        Assert.Contains("visitcounterapps.visitcounter.io", await kubectl.RunAsync("get", "crd", "-o", "name"), StringComparison.Ordinal);

        await local.StopAsync();
        Assert.Equal(0, local.ExitCode);
        AssertQuiet(local.Output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_here, recursive: true);
        }
        catch (IOException)
        {
            // A server file still being closed; a temp folder is not worth failing a test for.
        }
    }

    private static void AssertQuiet(string output)
    {
        Assert.DoesNotContain(" fail: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" warn: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Operator probes: +http://127\.0\.0\.1:(?<port>\d+)/healthz")]
    private static partial Regex ProbeLine();

    [GeneratedRegex(@"Operator metrics: http://127\.0\.0\.1:(?<port>\d+)/metrics")]
    private static partial Regex MetricsLine();
}
