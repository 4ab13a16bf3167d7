using System.Globalization;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Visits;

/// <summary>
/// Reads visits through the API server's pod proxy (<c>/api/v1/namespaces/NS/pods/NAME:PORT/proxy/visits</c>), for an
/// operator running outside the cluster, where pod IPs are not reachable but the API server is.
/// </summary>
public sealed class ApiServerProxyVisitsReader(IKubernetesClient client, TimeSpan timeout, ILogger<ApiServerProxyVisitsReader> logger) : IPodVisitsReader
{
    /// <summary>The proxy path of the pod's <c>/visits</c>.</summary>
    public static string ProxyPath(string @namespace, string pod, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/namespaces/{Uri.EscapeDataString(@namespace)}/pods/{Uri.EscapeDataString(pod)}:{port}/proxy/visits");

    /// <inheritdoc />
    public async Task<long?> ReadAsync(V1Pod pod, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var body = await client.GetRawAsync(ProxyPath(pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? string.Empty, port), timeoutSource.Token);
            return VisitsResponse.Parse(body);
        }
        catch (ForbiddenException e)
        {
            // Not a pod that fails to answer but a permission a person must grant: worth a warning on every reading.
            VisitsLog.ProxyForbidden(logger, pod.Metadata.Namespace, pod.Metadata.Name, e.Message);
            return null;
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            VisitsLog.ProxyReadFailed(logger, pod.Metadata.Namespace, pod.Metadata.Name, e.Message);

            return null;
        }
    }
}
