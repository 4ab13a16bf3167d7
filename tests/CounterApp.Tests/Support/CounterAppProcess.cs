using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VisitCounter.CounterApp.Tests.Support;

/// <summary>The real counter-app (the built <c>counter-app.dll</c>) running as a child process on a free loopback port.</summary>
internal sealed class CounterAppProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private CounterAppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = CreateClient(port, connections: 8);
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>The built app next to this test assembly (a ProjectReference to an Exe copies it).</summary>
    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "counter-app.dll");

    public static HttpClient CreateClient(int port, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Starts the app and waits until <c>/healthz</c> answers; <paramref name="runAsUid"/> drops privileges with setpriv.</summary>
    public static async Task<CounterAppProcess> StartAsync(string visitsFile, IReadOnlyDictionary<string, string>? environment = null, int? runAsUid = null)
    {
        CounterAppProcess app = Launch(visitsFile, environment, runAsUid);
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (app._process.HasExited)
            {
                throw new InvalidOperationException($"counter-app exited with {app._process.ExitCode} before answering /healthz:\n{app.Output}");
            }

            try
            {
                using HttpResponseMessage health = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative), timeout.Token);
                if (health.IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Runs the app and returns its exit code and output, for settings that must stop it at once.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string visitsFile, IReadOnlyDictionary<string, string> environment)
    {
        await using CounterAppProcess app = Launch(visitsFile, environment, runAsUid: null);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await app._process.WaitForExitAsync(timeout.Token);
        return (app._process.ExitCode, app.Output);
    }

    /// <summary>SIGKILL: no chance to flush anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as the kubelet sends on pod deletion; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -{SigTerm} {_process.Id} failed");
        }

        using var timeout = new CancellationTokenSource(StartTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        Client.Dispose();
        _process.Dispose();
    }

    private static CounterAppProcess Launch(string visitsFile, IReadOnlyDictionary<string, string>? environment, int? runAsUid)
    {
        int port = FreePort();
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo
        {
            FileName = runAsUid is null ? dotnet : "setpriv",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUid is { } uid)
        {
            foreach (string argument in new[] { $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--", dotnet })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["HOME"] = Path.GetTempPath();
        }

        start.ArgumentList.Add(AppDll);
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["BIND_ADDRESS"] = "127.0.0.1";
        start.Environment["VISITS_FILE"] = visitsFile;
        start.Environment["POD_NAME"] = "web-0";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new CounterAppProcess(process, port);
        process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int SendSignal(int pid, int signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
