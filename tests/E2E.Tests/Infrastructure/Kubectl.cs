using System.Diagnostics;
using System.Text.Json.Nodes;
using VisitCounter.TestSupport;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>The real kubectl (found on PATH), pointed at the local cluster with its own discovery cache.</summary>
public sealed class Kubectl(string kubeconfig, string cacheDir)
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public Result EnsureSuccess(string command) =>
            ExitCode == 0 ? this : throw new InvalidOperationException($"kubectl {command} failed ({ExitCode}): {Stderr}{Stdout}");
    }

    public Task<Result> TryRunAsync(params string[] args) => TryRunWithInputAsync(null, args);

    /// <summary>Runs kubectl with <paramref name="input"/> on its standard input (closed at once when null).</summary>
    public async Task<Result> TryRunWithInputAsync(string? input, params string[] args)
    {
        var psi = Start(args);
        using var process = Process.Start(psi)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();

        // On a hang, what kubectl printed until then (with -v=6, every request it made) is in the failure.
        var result = await ProcessOutput.CollectAsync(process, TimeSpan.FromSeconds(60), "kubectl " + string.Join(' ', args));
        return new Result(result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>
    /// <c>kubectl port-forward TARGET :REMOTE</c> in the background; returns once kubectl says which local port it
    /// listens on. Disposing stops it.
    /// </summary>
    public async Task<PortForward> PortForwardAsync(string ns, string target, int remotePort)
    {
        var process = Process.Start(Start(["port-forward", "-n", ns, target, $":{remotePort}"]))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                // "Forwarding from 127.0.0.1:41234 -> 8080"
                var match = System.Text.RegularExpressions.Regex.Match(line, @"^Forwarding from 127\.0\.0\.1:(\d+) ->");
                if (match.Success)
                {
                    return new PortForward(process, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"kubectl port-forward {target} did not start: {await stderr}");
    }

    private ProcessStartInfo Start(string[] args)
    {
        var psi = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(kubeconfig);
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(cacheDir);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    public async Task<string> RunAsync(params string[] args) =>
        (await TryRunAsync(args)).EnsureSuccess(string.Join(' ', args)).Stdout;

    /// <summary><c>kubectl apply -f</c> of an inline manifest.</summary>
    public async Task<string> ApplyAsync(string yaml)
    {
        var file = Path.Combine(cacheDir, $"manifest-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return await RunAsync("apply", "-f", file);
    }

    public async Task<JsonObject> GetJsonAsync(params string[] args) =>
        JsonNode.Parse(await RunAsync([.. args, "-o", "json"]))!.AsObject();

    /// <summary>The object, or null when kubectl says NotFound.</summary>
    public async Task<JsonObject?> TryGetJsonAsync(params string[] args)
    {
        var result = await TryRunAsync([.. args, "-o", "json"]);
        if (result.ExitCode != 0 && result.Stderr.Contains("NotFound", StringComparison.Ordinal))
        {
            return null;
        }

        return JsonNode.Parse(result.EnsureSuccess(string.Join(' ', args)).Stdout)!.AsObject();
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(string resource, string ns, string? selector = null)
    {
        string[] args = selector is null ? ["get", resource, "-n", ns] : ["get", resource, "-n", ns, "-l", selector];
        var list = await GetJsonAsync(args);
        return list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    /// <summary>A running <c>kubectl port-forward</c>.</summary>
    public sealed class PortForward(Process process, int localPort) : IAsyncDisposable
    {
        public int LocalPort { get; } = localPort;

        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>A pod's own count, read through the API server's pod proxy like <c>kubectl get --raw</c>.</summary>
    public async Task<long> PodVisitsAsync(string ns, string pod, int port = 8080) =>
        long.Parse((await RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy/visits")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
