using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Visits;

namespace VisitCounter.Bench.OperatorScale.Traffic;

/// <summary>
/// The benchmark's own view of an app's pods: their visit counts read straight from each pod's <c>/visits</c> (pod IP,
/// not through the API server, so these reads never show in the server's metrics) and the node port of its client Service.
/// </summary>
public sealed class PodVisits(IObjectStore store, string ns, HttpClient http)
{
    /// <summary>The sum of the visit counts of the app's pods; null when a pod has no IP or does not answer with a count.</summary>
    public async Task<long?> SumAsync(string app, int port, CancellationToken cancellationToken)
    {
        long sum = 0;
        foreach (var pod in store.List(ResourceRef.Pods, ns, AppLabels.SelectorString(app)))
        {
            if (pod["status"]?["podIP"]?.GetValue<string>() is not { Length: > 0 } ip)
            {
                return null;
            }

            var body = await http.GetStringAsync(new Uri($"http://{ip}:{port.ToString(CultureInfo.InvariantCulture)}/visits"), cancellationToken);
            if (VisitsResponse.Parse(body) is not { } count)
            {
                return null;
            }

            sum += count;
        }

        return sum;
    }

    /// <summary>The node port of the app's client Service (the one with a cluster IP), null before it has one.</summary>
    public int? NodePort(string app) => store.List(ResourceRef.Services, ns, AppLabels.SelectorString(app))
        .Where(s => s["spec"]?["clusterIP"]?.GetValue<string>() != "None")
        .Select(s => (s["spec"]?["ports"] as JsonArray)?.FirstOrDefault()?["nodePort"]?.GetValue<int>())
        .FirstOrDefault(p => p is not null);
}
