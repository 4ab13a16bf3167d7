using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VisitCounter.Bench.OperatorScale.Observation;

namespace VisitCounter.Bench.OperatorScale.Hosting;

/// <summary>
/// The operator as its own process (<c>visitcounter-operator run</c>), as in a pod: its own memory, its own sockets,
/// its log in a file. The benchmark waits for its <c>/readyz</c> (caches synced), reads its own metrics from its
/// <c>/metrics</c>, samples its memory from <c>/proc</c>, and stops it with SIGTERM.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private const string ReconcileTotal = "controller_runtime_reconcile_total";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri metrics;
    private readonly Uri ready;
    private int disposed;

    private OperatorProcess(Process process, StreamWriter log, int metricsPort, int healthPort, string logPath)
    {
        this.process = process;
        this.log = log;
        metrics = new Uri($"http://127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}/metrics");
        ready = new Uri($"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}/readyz");
        LogPath = logPath;
    }

    /// <summary>The operator's process id (its memory is read from <c>/proc/PID/status</c>).</summary>
    public int Id => process.Id;

    /// <summary>The operator's console output.</summary>
    public string LogPath { get; }

    /// <summary>The command line the operator runs with (for the results).</summary>
    public required string CommandLine { get; init; }

    /// <summary>Starts the operator against <paramref name="kubeconfigPath"/> and returns once it is ready.</summary>
    /// <param name="command">The program and its leading arguments (e.g. <c>dotnet path/visitcounter-operator.dll</c>).</param>
    /// <param name="kubeconfigPath">The cluster to reconcile against.</param>
    /// <param name="extraArguments">More operator flags (e.g. <c>--max-concurrent-reconciles 4</c>).</param>
    /// <param name="logLevel">The operator's minimum log level (its Information level writes one line per reconcile).</param>
    /// <param name="logPath">Where its console output goes.</param>
    /// <param name="readyTimeout">How long it may take to become ready.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<OperatorProcess> StartAsync(
        IReadOnlyList<string> command, string kubeconfigPath, IReadOnlyList<string> extraArguments, string logLevel, string logPath,
        TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(extraArguments);
        var metricsPort = FreePort();
        var healthPort = FreePort();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            .. command.Skip(1), "run", "--kubeconfig", kubeconfigPath,
            "--metrics-bind-address", $"127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}",
            "--health-probe-bind-address", $"127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}",
            .. extraArguments,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = logLevel;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the operator: {command[0]}");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var op = new OperatorProcess(process, log, metricsPort, healthPort, logPath) { CommandLine = $"{command[0]} {string.Join(' ', arguments)}" };
        try
        {
            await op.WaitReadyAsync(readyTimeout, cancellationToken);
            return op;
        }
        catch
        {
            await op.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reconciliations the operator finished so far (every result), from its own metrics.</summary>
    public async Task<long> ReconcilesAsync(CancellationToken cancellationToken) =>
        (long)PrometheusText.SumCounter(await http.GetStringAsync(metrics, cancellationToken), ReconcileTotal);

    /// <summary>The operator's memory now, null if it is gone.</summary>
    public ProcessMemory? Memory() => ProcessMemory.Read(process.Id);

    /// <summary>Stops the operator with SIGTERM (SIGKILL after the grace period) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
        http.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The operator exited with code {process.ExitCode} before it was ready; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(ready, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException($"The operator was not ready within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
