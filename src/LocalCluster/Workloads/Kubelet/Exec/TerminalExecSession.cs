using System.Diagnostics;
using VisitCounter.LocalCluster.ApiServer.Http;

namespace VisitCounter.LocalCluster.Workloads.Kubelet.Exec;

/// <summary>
/// A command on a terminal (<c>kubectl exec -it</c>): it runs in a new session whose controlling terminal is the
/// slave of a <see cref="PseudoTerminal"/> (<c>setsid --ctty</c> with the slave as stdin, stdout and stderr), so
/// shells get job control, line editing and SIGWINCH on resize. stdout carries everything; there is no stderr.
/// </summary>
internal sealed class TerminalExecSession : IExecSession
{
    private readonly Process _process;
    private readonly PseudoTerminal _terminal;

    private TerminalExecSession(Process process, PseudoTerminal terminal)
    {
        _process = process;
        _terminal = terminal;
        Exited = WaitAsync(process);
    }

    public Stream? Stdin => _terminal.Master;

    public Stream Stdout => _terminal.Master;

    public Stream? Stderr => null;

    public Task<int> Exited { get; }

    public static TerminalExecSession Start(ContainerLaunch launch, IReadOnlyList<string> command)
    {
        var terminal = PseudoTerminal.Open(80, 24);
        try
        {
            // sh opens the slave by path as fds 0-2, then setsid makes it the controlling terminal of a new
            // session; the sandbox (or the command) is exec'd on top, keeping those descriptors.
            var wrapped = new List<string> { "sh", "-c", "exec setsid --ctty \"$@\" <>\"$0\" >&0 2>&0", terminal.SlavePath };
            var info = launch.StartInfo(command);
            wrapped.Add(info.FileName);
            wrapped.AddRange(info.ArgumentList);
            var shell = new ProcessStartInfo(wrapped[0])
            {
                WorkingDirectory = info.WorkingDirectory,
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in wrapped.Skip(1))
            {
                shell.ArgumentList.Add(argument);
            }

            shell.Environment.Clear();
            foreach (var (name, value) in info.Environment)
            {
                shell.Environment[name] = value;
            }

            shell.Environment["TERM"] = info.Environment.TryGetValue("TERM", out var term) && term is not null ? term : "xterm";
            var process = Process.Start(shell)!;
            process.StandardInput.Close();
            return new TerminalExecSession(process, terminal);
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    public void CloseStdin()
    {
        // A terminal has no end of input apart from the command's exit (kubectl sends Ctrl-D as a byte).
    }

    public void Resize(int columns, int rows) => _terminal.Resize(columns, rows);

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
        _terminal.Dispose();
    }

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
