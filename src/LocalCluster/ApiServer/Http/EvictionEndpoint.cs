using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Selectors;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// The pods' <c>eviction</c> subresource (POST a policy/v1 Eviction), as kube-apiserver's
/// pkg/registry/core/pod/storage/eviction.go does it: a pod that no budget protects, or that cannot count against one
/// (not running yet, finished, already terminating), is deleted at once; a pod under exactly one
/// PodDisruptionBudget is deleted only when the budget's status allows a disruption, which is then used up
/// (disruptionsAllowed - 1, the pod recorded in disruptedPods) before the pod is deleted gracefully; otherwise the
/// answer is 429 with a DisruptionBudget cause, and <c>kubectl drain</c> retries.
/// </summary>
internal sealed class EvictionEndpoint(ResourceService service, TimeProvider time)
{
    private const string DisruptionBudgetCause = "DisruptionBudget";
    private readonly Lock _gate = new();

    public async Task EvictAsync(HttpContext context, string ns, string name)
    {
        var eviction = await HttpJson.ReadBodyAsync(context) as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");
        if (eviction["metadata"]?["name"]?.GetValue<string>() is { } evictedName && evictedName != name)
        {
            throw ApiException.BadRequest($"name in URL does not match name in Eviction object");
        }

        var options = RequestOptions.Delete(eviction["deleteOptions"], context.Request.Query);

        // One eviction at a time decides and spends a budget, so two concurrent evictions cannot both take its last disruption.
        lock (_gate)
        {
            var pods = service.Registry.Get(ResourceRef.Pods);
            var pod = service.Get(pods, ns, name);
            if (!CanIgnoreBudget(pod))
            {
                SpendDisruption(ns, pod, options.DryRun);
            }

            service.Delete(pods, ns, name, options);
        }

        await HttpJson.WriteAsync(context, 201, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = 201,
        });
    }

    /// <summary>canIgnorePDB: pods that are finished, not yet running or already being deleted do not count against a budget.</summary>
    private static bool CanIgnoreBudget(JsonObject pod) =>
        pod["metadata"]?["deletionTimestamp"] is not null
        || pod["status"]?["phase"]?.GetValue<string>() is "Succeeded" or "Failed" or "Pending";

    private void SpendDisruption(string ns, JsonObject pod, bool dryRun)
    {
        var definition = service.Registry.Get(ResourceRef.PodDisruptionBudgets);
        var labels = Labels(pod);
        var budgets = service.List(definition, ns, LabelSelector.Everything, FieldSelector.Everything, null, null).Items
            .Where(b => Selects(b, labels))
            .ToList();
        if (budgets.Count == 0)
        {
            return;
        }

        if (budgets.Count > 1)
        {
            throw new ApiException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        var budget = budgets[0];
        var budgetName = budget["metadata"]!["name"]!.GetValue<string>();
        var status = budget["status"] as JsonObject ?? [];
        var generation = Patching.JsonNodes.AsInteger(budget["metadata"]?["generation"]) ?? 0;
        if ((Patching.JsonNodes.AsInteger(status["observedGeneration"]) ?? 0) < generation)
        {
            throw TooManyRequests($"The disruption budget {budgetName} is still being processed by the server.");
        }

        var allowed = Patching.JsonNodes.AsInteger(status["disruptionsAllowed"]) ?? 0;
        if (allowed < 0)
        {
            throw new ApiException(403, "Forbidden", "pdb disruptions allowed is negative");
        }

        var currentHealthy = Patching.JsonNodes.AsInteger(status["currentHealthy"]) ?? 0;
        var desiredHealthy = Patching.JsonNodes.AsInteger(status["desiredHealthy"]) ?? 0;
        if (!PodEndpoints.IsReady(pod))
        {
            // IfHealthyBudget (the default): an unready pod may go while the budget is met, without spending a disruption.
            if (currentHealthy >= desiredHealthy && desiredHealthy > 0 || budget["spec"]?["unhealthyPodEvictionPolicy"]?.GetValue<string>() == "AlwaysAllow")
            {
                return;
            }
        }

        if (allowed == 0)
        {
            throw TooManyRequests(string.Create(CultureInfo.InvariantCulture,
                $"The disruption budget {budgetName} needs {desiredHealthy} healthy pods and has {currentHealthy} currently"));
        }

        if (dryRun)
        {
            return;
        }

        status["disruptionsAllowed"] = allowed - 1;
        var disrupted = status["disruptedPods"] as JsonObject ?? [];
        disrupted[pod["metadata"]!["name"]!.GetValue<string>()] = Meta.Timestamp(time.GetUtcNow());
        status["disruptedPods"] = disrupted;
        budget["status"] = status;

        // Carries the budget's resourceVersion: if the disruption controller wrote in between, this is a 409 and the
        // client retries the eviction against the fresh status.
        service.Update(definition, ns, budgetName, budget, new WriteOptions(FieldManager: "eviction"), "status");
    }

    private static ApiException TooManyRequests(string cause) =>
        new(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
            new StatusDetails(null, null, null, null, [new StatusCause(DisruptionBudgetCause, cause, "")]));

    private static bool Selects(JsonObject budget, Dictionary<string, string> labels)
    {
        try
        {
            return ObjectLabelSelector.FromJson(budget["spec"]?["selector"])?.Matches(labels) == true;
        }
        catch (FormatException)
        {
            // A selector the budget's validation should have refused protects nothing, as in the disruption controller.
            return false;
        }
    }

    private static Dictionary<string, string> Labels(JsonObject pod) =>
        (pod["metadata"]?["labels"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal);
}
