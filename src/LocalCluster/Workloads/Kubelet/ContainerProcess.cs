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
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ContainerProcess(Process process, ContainerLog log, TimeProvider time)
    {
        _process = process;
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
        Directory.CreateDirectory(launch.WorkingDirectory);
        foreach (var dir in new[] { "HOME", "TMPDIR" })
        {
            if (launch.Environment.TryGetValue(dir, out var path))
            {
                Directory.CreateDirectory(path);
            }
        }

        var info = new ProcessStartInfo(launch.FileName)
        {
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The child sees only what the pod spec and the launch define, not the host process's environment.
        info.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {launch.FileName}");
        process.StandardInput.Close();
        return new ContainerProcess(process, log, time);
    }

    /// <summary>SIGTERM, wait up to the grace period, then SIGKILL; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan gracePeriod)
    {
        if (!_exited.Task.IsCompleted)
        {
            if (gracePeriod > TimeSpan.Zero && PosixSignals.TryTerminate(_process.Id))
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
