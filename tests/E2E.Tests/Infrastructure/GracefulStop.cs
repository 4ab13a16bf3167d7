using System.Diagnostics;
using System.Globalization;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>How the tests stop a program they started, as Ctrl-C or a pod's deletion would.</summary>
internal static class GracefulStop
{
    /// <summary>SIGTERM (Process.Kill only sends SIGKILL), then the whole tree is killed if it outlives <paramref name="grace"/>.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
