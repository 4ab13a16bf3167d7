using System.Diagnostics;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>
/// The system tools the local cluster needs for the lab's steps (bubblewrap for pod sandboxes), installed by the
/// project's own script when missing, so that <c>dotnet test</c> alone works on a fresh machine as CI does.
/// </summary>
public static class TestTools
{
    public static async Task EnsureInstalledAsync()
    {
        if (OnPath("bwrap"))
        {
            return;
        }

        var script = Path.Combine(RepoPaths.Root, "tools", "install-test-tools.sh");
        var psi = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !OnPath("bwrap"))
        {
            throw new InvalidOperationException($"{script} could not install bubblewrap ({process.ExitCode}): {await output}{await errors}");
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
