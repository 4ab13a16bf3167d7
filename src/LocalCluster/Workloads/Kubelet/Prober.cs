using System.Net.Sockets;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>The outcome of one probe; <paramref name="Message"/> says why it failed, as the kubelet's events do.</summary>
internal sealed record ProbeResult(bool Success, string Message);

/// <summary>
/// Runs probes for real, as the kubelet's prober does: an HTTP GET whose status 200-399 is success (a fresh
/// connection each time, no proxy), or a TCP connect.
/// </summary>
internal sealed class Prober : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.Zero,
    });

    public async Task<ProbeResult> ProbeAsync(ProbeSpec probe, string host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(probe.Timeout);
        try
        {
            return probe.Handler switch
            {
                ProbeHandler.HttpGet => await HttpAsync(probe, host, timeout.Token),
                ProbeHandler.TcpSocket => await TcpAsync(probe, host, timeout.Token),
                _ => new ProbeResult(true, probe.Problem ?? "unsupported probe ignored"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, $"Get \"{Url(probe, host)}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return new ProbeResult(false, $"Get \"{Url(probe, host)}\": {e.Message}");
        }
        catch (SocketException e)
        {
            return new ProbeResult(false, $"dial tcp {host}:{probe.Port}: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Url(ProbeSpec probe, string host) =>
        $"{probe.Scheme.ToLowerInvariant()}://{host}:{probe.Port}{probe.Path}";

    private async Task<ProbeResult> HttpAsync(ProbeSpec probe, string host, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(probe, host));
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.ParseAdd("kube-probe/1.32");
        foreach (var (name, value) in probe.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var code = (int)response.StatusCode;
        return code is >= 200 and < 400
            ? new ProbeResult(true, "")
            : new ProbeResult(false, $"HTTP probe failed with statuscode: {code}");
    }

    private static async Task<ProbeResult> TcpAsync(ProbeSpec probe, string host, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, probe.Port, cancellationToken);
        return new ProbeResult(true, "");
    }
}
