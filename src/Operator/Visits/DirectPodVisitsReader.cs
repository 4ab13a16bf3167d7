using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Visits;

/// <summary>
/// Reads visits straight from the pod IP, for an operator running inside the cluster where pod IPs are routable.
/// </summary>
public sealed class DirectPodVisitsReader(HttpClient http, TimeSpan timeout, ILogger<DirectPodVisitsReader> logger) : IPodVisitsReader
{
    /// <inheritdoc />
    public async Task<long?> ReadAsync(V1Pod pod, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var ip = pod.Status?.PodIP;
        if (string.IsNullOrEmpty(ip))
        {
            return null;
        }

        var host = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/visits")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, timeoutSource.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            return VisitsResponse.Parse(await response.Content.ReadAsStringAsync(timeoutSource.Token));
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            VisitsLog.DirectReadFailed(logger, pod.Metadata.Namespace, pod.Metadata.Name, e.Message);

            return null;
        }
    }
}
