using System.Diagnostics;
using VisitCounter.LocalCluster.ApiServer.Http;

namespace VisitCounter.LocalCluster.Workloads.Kubelet.Exec;

/// <summary>A command without a terminal: stdin, stdout and stderr are pipes.</summary>
internal sealed class PipeExecSession : IExecSession
{
    private readonly Process _process;

    private PipeExecSession(Process process, bool stdin)
    {
        _process = process;
        Stdin = stdin ? process.StandardInput.BaseStream : null;
        if (!stdin)
        {
            process.StandardInput.Close();
        }

        Exited = WaitAsync(process);
    }

    public Stream? Stdin { get; }

    public Stream Stdout => _process.StandardOutput.BaseStream;

    public Stream? Stderr => _process.StandardError.BaseStream;

    public Task<int> Exited { get; }

    public static PipeExecSession Start(ContainerLaunch launch, IReadOnlyList<string> command, bool stdin)
    {
        var info = launch.StartInfo(command);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return new PipeExecSession(Process.Start(info)!, stdin);
    }

    public void CloseStdin()
    {
        try
        {
            Stdin?.Close();
        }
        catch (IOException)
        {
            // The command has exited and closed its end.
        }
    }

    public void Resize(int columns, int rows)
    {
    }

    public async ValueTask DisposeAsync()
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
        }

        await Exited.ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
    }

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
