using System.ComponentModel;
using System.Diagnostics;

namespace VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

/// <summary>Whether containers can run in bubblewrap sandboxes here, and if not, what is missing.</summary>
/// <param name="Available">bwrap started a sandbox with the namespaces containers need.</param>
/// <param name="Problem">Why not, in words a user can act on (null when available).</param>
/// <param name="HostRoot">The host root entries sandboxes are built from.</param>
internal sealed record SandboxSupport(bool Available, string? Problem, IReadOnlyList<RootEntry> HostRoot)
{
    /// <summary>
    /// Starts one throw-away sandbox with the options containers get. Fails on other OSes, without the
    /// <c>bubblewrap</c> package, or where user namespaces are disabled and bwrap is not setuid.
    /// </summary>
    public static async Task<SandboxSupport> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new(false, "pod sandboxes need Linux namespaces (bubblewrap); this OS runs pods as plain processes", []);
        }

        var root = BubblewrapArguments.ReadHostRoot();
        var spec = new SandboxSpec("probe", [new SandboxMount("/", "/probe", ReadOnly: true)], "/probe", ReadOnlyRoot: true, root);
        var info = new ProcessStartInfo(BubblewrapArguments.Program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in BubblewrapArguments.Build(spec, ["true"]))
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0
                ? new(true, null, root)
                : new(false, $"bwrap cannot create a sandbox here ({(await stderr).Trim()}); enable unprivileged user namespaces or run as root", root);
        }
        catch (Win32Exception)
        {
            return new(false, "bwrap is not installed (Debian/Ubuntu: apt-get install bubblewrap, or run tools/install-test-tools.sh)", root);
        }
    }
}
