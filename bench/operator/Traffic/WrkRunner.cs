using System.Diagnostics;
using System.Globalization;

namespace VisitCounter.Bench.OperatorScale.Traffic;

/// <summary>Runs wrk against one URL for a fixed time (one thread, a few connections) and reads its summary.</summary>
public static class WrkRunner
{
    /// <summary>Runs <c>wrk -t1 -cC -dDs URL</c>; throws when wrk fails or prints no summary.</summary>
    public static async Task<WrkSummary> RunAsync(string wrk, Uri url, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-t1", $"-c{connections.ToString(CultureInfo.InvariantCulture)}",
            $"-d{((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture)}s", "--timeout", "10s", url.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {wrk}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return WrkSummary.Parse(await output)
            ?? throw new InvalidOperationException($"{wrk} against {url} exited with {process.ExitCode} without a summary: {await error}");
    }
}
