using System.Diagnostics;
using Xunit;

namespace VisitCounter.TestSupport;

/// <summary>The pinned helm binary (tools/bin/helm), installed by tools/install-test-tools.sh when missing, and a runner for it.</summary>
public static class HelmTool
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The operator's chart lives here (charts/visitcounter-operator).</summary>
    public static string ChartsDirectory => Path.Combine(RepositoryPaths.RepositoryRoot, "charts");

    /// <summary>The lab's app chart, as a user of the operator writes one.</summary>
    public static string AppChart => Path.Combine(RepositoryPaths.RepositoryRoot, "examples", "charts", "app-python");

    public static async Task<string> PathAsync()
    {
        var path = Path.Combine(RepositoryPaths.RepositoryRoot, "tools", "bin", "helm");
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                var install = await RunProcessAsync("bash", [Path.Combine(RepositoryPaths.RepositoryRoot, "tools", "install-test-tools.sh")], null);
                Assert.True(install.ExitCode == 0, $"tools/install-test-tools.sh failed: {install}");
            }
        }
        finally
        {
            InstallGate.Release();
        }

        return path;
    }

    /// <summary>Runs helm with a private cache/config/data home, so tests never touch the user's helm state.</summary>
    public static async Task<ProcessResult> RunAsync(string home, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["HELM_CACHE_HOME"] = Path.Combine(home, "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(home, "config"),
            ["HELM_DATA_HOME"] = Path.Combine(home, "data"),
        };
        return await RunProcessAsync(await PathAsync(), args, environment);
    }

    public static async Task<string> SucceedAsync(string home, params string[] args)
    {
        var result = await RunAsync(home, args);
        Assert.True(result.ExitCode == 0, $"helm {string.Join(' ', args)} failed: {result}");
        return result.Stdout;
    }

    private static async Task<ProcessResult> RunProcessAsync(string file, IEnumerable<string> args, Dictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        return await ProcessOutput.CollectAsync(process, TimeSpan.FromMinutes(3), $"{file} {string.Join(' ', args)}");
    }
}
