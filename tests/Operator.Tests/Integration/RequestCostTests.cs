using System.Globalization;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.ApiServer.Resources;
using Xunit.Abstractions;

namespace VisitCounter.Operator.Tests.Integration;

/// <summary>
/// What creating apps costs the API server, counted where kube-apiserver counts it (<c>apiserver_request_total</c> of
/// the local API server). A cluster of its own, so no other test's pods or visits reads add to the count.
/// </summary>
public sealed class RequestCostTests(OperatorClusterFixture fixture, ITestOutputHelper output) : IClassFixture<OperatorClusterFixture>
{
    [Fact]
    public async Task Creating_an_app_costs_one_apply_per_child_a_few_status_writes_and_no_read()
    {
        var ns = await fixture.CreateNamespaceAsync("cost");
        var before = await RequestsAsync();

        // No pods (replicas 0), so no visits reads: what is left is the cost of creating and converging the app.
        await fixture.Client.CreateAsync(new VisitCounterApp
        {
            Metadata = new V1ObjectMeta { Name = "web", Namespace = ns },
            Spec = new VisitCounterAppSpec { Replicas = 0 },
        });
        await fixture.WaitForAsync(
            OperatorClusterFixture.VisitCounterApps, ns, "web",
            app => app["status"]?["observedGeneration"]?.GetValue<long>() == app["metadata"]!["generation"]!.GetValue<long>()
                && fixture.Store.Get(ResourceRef.StatefulSets, ns, "web") is not null,
            "the app to converge",
            timeoutSeconds: 90);
        await fixture.SettledSnapshotAsync(ns, timeoutSeconds: 60, quietSeconds: 3);

        var cost = Delta(before, await RequestsAsync());
        output.WriteLine(string.Join(", ", cost.Select(c => $"{c.Key} {c.Value}")));

        Assert.Equal(0, Sum(cost, k => k.StartsWith("GET ", StringComparison.Ordinal)));
        Assert.Equal(2, Sum(cost, k => k == "APPLY services"));
        Assert.Equal(1, Sum(cost, k => k == "APPLY statefulsets"));
        // Usually two (the first reconcile, then the one the StatefulSet's arrival triggers); a third when a later cache
        // event changes what the status shows before the app settles.
        Assert.InRange(Sum(cost, k => k == "PUT visitcounterapps/status"), 1, 3);
        Assert.InRange(Sum(cost, k => k == "POST events"), 0, 3);

        // Everything the operator sent, events included; the user's own create of the app is not the operator's.
        Assert.InRange(Sum(cost, k => k != "POST visitcounterapps"), 4, 9);
    }

    /// <summary>Requests to resources so far, by "VERB resource[/subresource]" (LIST and WATCH are the informers' and left out).</summary>
    private async Task<Dictionary<string, double>> RequestsAsync()
    {
        var text = await fixture.Client.GetRawAsync("/metrics");
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("apiserver_request_total{", StringComparison.Ordinal))
            {
                continue;
            }

            var verb = Label(line, "verb");
            var resource = Label(line, "resource");
            if (resource.Length == 0 || verb is "LIST" or "WATCH")
            {
                continue;
            }

            var subresource = Label(line, "subresource");
            var key = $"{verb} {resource}{(subresource.Length > 0 ? "/" + subresource : string.Empty)}";
            totals[key] = totals.GetValueOrDefault(key) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return totals;
    }

    private static string Label(string line, string name)
    {
        var start = line.IndexOf($"{name}=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += name.Length + 2;
        return line[start..line.IndexOf('"', start)];
    }

    private static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.Select(a => (a.Key, Value: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(a => a.Value > 0)
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    private static double Sum(Dictionary<string, double> cost, Func<string, bool> which) => cost.Where(c => which(c.Key)).Sum(c => c.Value);
}
