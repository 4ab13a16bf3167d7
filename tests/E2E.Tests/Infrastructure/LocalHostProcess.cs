using System.Diagnostics;
using System.Text;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary><c>visitcounter-local</c> as a user runs it: its own process, in a working directory of the test's.</summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalHostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static LocalHostProcess Start(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "visitcounter-local.dll"));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        return new LocalHostProcess(Process.Start(psi)!);
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails early when the process exits.</summary>
    public Task WaitForOutputAsync(string text) =>
        Eventually.True($"visitcounter-local prints '{text}'", () =>
        {
            var contains = Output.Contains(text, StringComparison.Ordinal);
            return !contains && HasExited
                ? throw new InvalidOperationException("visitcounter-local exited: " + Output)
                : Task.FromResult(contains);
        }, describe: () => Task.FromResult(Output));

    /// <summary>SIGTERM (as Ctrl-C), then waits for the exit; SIGKILL after a generous grace period.</summary>
    public Task StopAsync() => GracefulStop.StopAsync(_process, TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
