using System.Diagnostics;

namespace VisitCounter.TestSupport;

/// <summary>What a finished process printed and how it exited.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"rc={ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Collects the output of a command-line tool a test started (helm, kubectl) until it exits.</summary>
public static class ProcessOutput
{
    /// <summary>
    /// Reads both redirected streams until <paramref name="process"/> exits. <paramref name="hangGuard"/> only stops a hung
    /// tool from hanging the run (the process is killed and the test fails with what it printed); no test asserts on time.
    /// </summary>
    public static async Task<ProcessResult> CollectAsync(Process process, TimeSpan hangGuard, string command)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(hangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish: {await stdout}\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
