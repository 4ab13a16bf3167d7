using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Local;

/// <summary>
/// Tells the person running <c>visitcounter-local</c> where each Service can be opened, once when it appears and again when
/// its addresses change (a LoadBalancer gets its ingress address a moment after creation).
/// </summary>
public sealed class ServiceUrlAnnouncer(IKubernetesClient client, TextWriter output, ILogger<ServiceUrlAnnouncer> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Watches Services in every namespace until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var announced = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // A watch from no resourceVersion starts with an ADDED event per existing Service.
                await foreach (var e in client.WatchAsync<V1Service>(null, new WatchOptions { AllowWatchBookmarks = false }, cancellationToken))
                {
                    if (e.Object is { } service)
                    {
                        Announce(service, e.Type, announced);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is KubernetesApiException or HttpRequestException or IOException)
            {
                logger.LogDebug(ex, "Service watch ended; restarting");
            }

            try
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Announce(V1Service service, WatchEventType type, Dictionary<string, string> announced)
    {
        var key = $"{service.Metadata.Namespace}/{service.Metadata.Name}";
        if (type == WatchEventType.Deleted)
        {
            announced.Remove(key);
            return;
        }

        var urls = ServiceUrls.For(service);
        var line = string.Join("  ", urls);
        if (urls.Count == 0 || (announced.TryGetValue(key, out var previous) && previous == line))
        {
            return;
        }

        announced[key] = line;
        output.WriteLine($"Service {key} ({service.Spec?.Type ?? "ClusterIP"}):");
        foreach (var url in urls)
        {
            output.WriteLine($"    {url}");
        }

        output.Flush();
    }
}
