using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>The lab's visiting steps: through the Service as separate browsers, then per pod.</summary>
public static class Visits
{
    /// <summary>GETs <c>/</c> on the node port, each on a new connection; returns how many visits each pod served.</summary>
    public static async Task<Dictionary<string, long>> ThroughServiceAsync(int nodePort, int visits)
    {
        var served = new Dictionary<string, long>();
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });
        for (var i = 0; i < visits; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{nodePort}/");
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.ConnectionClose = true;
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            var pod = body.Str("pod")!;
            served[pod] = served.GetValueOrDefault(pod) + 1;
        }

        return served;
    }

    /// <summary>
    /// Visits each pod of <paramref name="app"/> directly (pod proxy) until every pod has a different count;
    /// returns how many extra visits that took.
    /// </summary>
    public static async Task<int> MakeCountsDistinctAsync(Kubectl kubectl, string ns, string app, int replicas, IReadOnlyDictionary<string, long> served)
    {
        var top = served.Values.Max();
        var extra = 0;
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            var pod = $"{app}-{ordinal}";
            for (var n = served.GetValueOrDefault(pod); n < top + ordinal + 1; n++)
            {
                await kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/{pod}:8080/proxy/");
                extra++;
            }
        }

        return extra;
    }
}
