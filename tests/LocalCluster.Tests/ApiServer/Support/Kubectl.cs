using System.Diagnostics;
using System.Text;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.Server.Support;

/// <summary>Runs the real kubectl (from PATH) against a test cluster, with a private discovery/HTTP cache directory.</summary>
public sealed class Kubectl(string kubeconfig, string cacheDirectory)
{
    /// <summary>Generous guard against a hung process; a test never asserts on time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public async Task<ProcessResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        return await ProcessOutput.CollectAsync(process, HangGuard, $"kubectl {string.Join(' ', args)}");
    }

    /// <summary>Runs and fails the test with kubectl's output when it exits non-zero.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {result}");
        return result.Stdout;
    }

    /// <summary>Starts kubectl without waiting (e.g. <c>get -w</c>); the caller reads and kills it.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(cacheDirectory);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["KUBECONFIG"] = kubeconfig;
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }
}
