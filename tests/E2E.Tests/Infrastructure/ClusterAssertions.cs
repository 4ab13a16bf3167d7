using System.Text.Json.Nodes;

namespace VisitCounter.E2E.Tests.Infrastructure;

/// <summary>The waits most scenarios share, phrased as the user sees them through kubectl.</summary>
public static class ClusterAssertions
{
    /// <summary>Waits until <c>kubectl get vca NAME</c> shows READY = REPLICAS = <paramref name="replicas"/> and PHASE Ready.</summary>
    public static Task WaitForReadyAsync(this LocalClusterFixture cluster, string ns, string name, int replicas) =>
        Eventually.True($"vca {ns}/{name} shows READY {replicas} and PHASE Ready", async () =>
        {
            var row = (await cluster.Kubectl.RunAsync("get", "vca", name, "-n", ns, "--no-headers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);

            // NAME REPLICAS READY VISITS PHASE AGE
            return row.Length == 6 && row[1] == $"{replicas}" && row[2] == $"{replicas}" && row[4] == "Ready";
        }, describe: () => cluster.DescribeAsync(ns));

    public static bool IsReady(JsonNode? pod) =>
        pod?["status"]?["conditions"]?.AsArray().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True") == true;

    public static string? Image(JsonNode? pod) => pod?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>();

    public static string? Uid(JsonNode? obj) => obj.Str("metadata.uid");

    public static async Task<JsonObject> ReadyPodAsync(this LocalClusterFixture cluster, string ns, string name, Func<JsonObject, bool>? also = null) =>
        await Eventually.Until($"pod {ns}/{name} is Ready", async () =>
        {
            var pod = await cluster.Kubectl.TryGetJsonAsync("get", "pod", name, "-n", ns);
            return pod is not null && IsReady(pod) && (also is null || also(pod)) ? pod : null;
        }, describe: () => cluster.DescribeAsync(ns));
}
