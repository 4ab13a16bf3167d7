using System.Diagnostics;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// One run of a container: a child process whose stdout and stderr go to the container's log. Stopping it is
/// graceful (SIGTERM, then SIGKILL of the whole process tree after the grace period), and disposing it never
/// leaves the process behind.
/// </summary>
internal sealed class ContainerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ContainerLog _log;
    private readonly TimeProvider _time;
    private readonly Task _stdout;
    private readonly Task _stderr;
    private readonly bool _sandboxed;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ContainerProcess(Process process, ContainerLog log, TimeProvider time, bool sandboxed)
    {
        _process = process;
        _sandboxed = sandboxed;
        _log = log;
        _time = time;
        StartedAt = time.GetUtcNow();
        _stdout = PumpAsync(process.StandardOutput);
        _stderr = PumpAsync(process.StandardError);
        _ = WaitForExitAsync();
    }

    public int ProcessId => _process.Id;

    public DateTimeOffset StartedAt { get; }

    /// <summary>Completes with the exit code once the process has ended and its output has been read.</summary>
    public Task<int> Exited => _exited.Task;

    public static ContainerProcess Start(ContainerLaunch launch, ContainerLog log, TimeProvider time)
    {
        var info = launch.StartInfo(launch.Entrypoint);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {launch.FileName}");
        process.StandardInput.Close();
        return new ContainerProcess(process, log, time, sandboxed: launch.Sandbox is not null);
    }

    /// <summary>SIGTERM, wait up to the grace period, then SIGKILL; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan gracePeriod)
    {
        if (!_exited.Task.IsCompleted)
        {
            // In a sandbox the signal goes to the container's processes: bwrap itself would die of SIGTERM and take
            // them down with SIGKILL (--die-with-parent), which is no graceful stop.
            var signalled = _sandboxed ? PosixSignals.TryTerminateSandboxed(_process.Id) : PosixSignals.TryTerminate(_process.Id);
            if (gracePeriod > TimeSpan.Zero && signalled)
            {
                await Task.WhenAny(_exited.Task, Task.Delay(gracePeriod, _time));
            }

            Kill();
        }

        return await _exited.Task;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _exited.Task;
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _log.Append(line, _time.GetUtcNow());
        }
    }

    private async Task WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdout, _stderr);
        _log.Complete();
        _exited.TrySetResult(_process.ExitCode);
    }
}
