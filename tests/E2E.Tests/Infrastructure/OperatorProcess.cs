using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>The operator as its own OS process (<c>visitcounter-operator run</c>), so a test can kill -9 it.</summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly int _healthPort;

    private OperatorProcess(Process process, int healthPort)
    {
        _process = process;
        _healthPort = healthPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

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

    public static async Task<OperatorProcess> StartAsync(string kubeconfig)
    {
        var healthPort = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     RepoPaths.OperatorDll, "run", "--kubeconfig", kubeconfig, "--metrics-bind-address", "0",
                     "--health-probe-bind-address", $"127.0.0.1:{healthPort}", "--max-concurrent-reconciles", "4",
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        var op = new OperatorProcess(Process.Start(psi)!, healthPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.True("the operator reports ready", async () =>
        {
            if (op.HasExited)
            {
                throw new InvalidOperationException("The operator exited: " + op.Output);
            }

            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{healthPort}/readyz"));
            return response.StatusCode == HttpStatusCode.OK;
        }, describe: () => Task.FromResult(op.Output));
        return op;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a node dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL if it does not exit within the grace period.</summary>
    public Task StopAsync() => GracefulStop.StopAsync(_process, TimeSpan.FromSeconds(15));

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
