using System.Text.Json.Nodes;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Disruption;

/// <summary>
/// The status the disruption controller (pkg/controller/disruption) computes for a PodDisruptionBudget. Pure: the pods
/// the budget selects, the scale of their controllers and the clock come in, the status object goes out.
/// </summary>
/// <remarks>
/// expectedPods: with minAvailable as a number, the number of selected pods; otherwise the sum of the replicas of
/// their controllers (a pod without a controller counts as one, where the real controller reports SyncFailed).
/// desiredHealthy: minAvailable (scaled, rounded up), or expectedPods minus maxUnavailable (scaled, rounded up).
/// currentHealthy: selected pods that are Ready, not terminating, and not in disruptedPods (evicted, not yet gone).
/// disruptionsAllowed: currentHealthy - desiredHealthy, never below 0.
/// </remarks>
internal static class DisruptionBudgetStatus
{
    /// <summary>How long an eviction stays in disruptedPods without the pod going away (the real controller's DeletionTimeout).</summary>
    public static TimeSpan DeletionTimeout { get; } = TimeSpan.FromMinutes(2);

    /// <summary>The status <paramref name="budget"/> should have.</summary>
    /// <param name="budget">The PodDisruptionBudget.</param>
    /// <param name="pods">The pods its selector matches in its namespace.</param>
    /// <param name="controllerReplicas">The replicas of a pod's controller (by controller UID), null when unknown.</param>
    /// <param name="now">The current time.</param>
    public static JsonObject Compute(JsonObject budget, IReadOnlyList<JsonObject> pods, Func<string, int?> controllerReplicas, DateTimeOffset now)
    {
        var spec = budget["spec"] as JsonObject ?? [];
        var previous = budget["status"] as JsonObject;
        var disrupted = StillDisrupted(previous?["disruptedPods"] as JsonObject, pods, now);
        var (expected, desired) = Expectations(spec, pods, controllerReplicas);
        var healthy = pods.Count(p => !p.IsTerminating() && p.IsReady() && !disrupted.ContainsKey(p.Name()));
        var allowed = Math.Max(0, healthy - desired);

        var status = new JsonObject { ["observedGeneration"] = budget.Generation() };
        if (disrupted.Count > 0)
        {
            status["disruptedPods"] = new JsonObject(disrupted.OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => KeyValuePair.Create(d.Key, (JsonNode?)ObjectMeta.FormatTime(d.Value))));
        }

        status["disruptionsAllowed"] = allowed;
        status["currentHealthy"] = healthy;
        status["desiredHealthy"] = desired;
        status["expectedPods"] = expected;
        status["conditions"] = new JsonArray(DisruptionAllowed(allowed > 0, previous, budget.Generation(), now));
        return status;
    }

    private static (int Expected, int Desired) Expectations(JsonObject spec, IReadOnlyList<JsonObject> pods, Func<string, int?> controllerReplicas)
    {
        if (IntOrStringOf(spec["minAvailable"]) is { IsInt: true } minCount)
        {
            return (pods.Count, minCount.IntValue!.Value);
        }

        var expected = ExpectedFromControllers(pods, controllerReplicas);
        if (IntOrStringOf(spec["minAvailable"]) is { } minPercent)
        {
            return (expected, minPercent.GetScaledValue(expected, roundUp: true));
        }

        var maxUnavailable = IntOrStringOf(spec["maxUnavailable"])?.GetScaledValue(expected, roundUp: true) ?? 0;
        return (expected, Math.Max(0, expected - maxUnavailable));
    }

    private static int ExpectedFromControllers(IReadOnlyList<JsonObject> pods, Func<string, int?> controllerReplicas)
    {
        var expected = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.ControllerOf() is { } owner && controllerReplicas(owner.Uid) is { } replicas)
            {
                expected += seen.Add(owner.Uid) ? replicas : 0;
            }
            else
            {
                expected++;
            }
        }

        return expected;
    }

    /// <summary>Evictions whose pod is still there, not yet terminating, and within the deletion timeout.</summary>
    private static Dictionary<string, DateTimeOffset> StillDisrupted(JsonObject? disruptedPods, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var byName = pods.ToDictionary(p => p.Name(), StringComparer.Ordinal);
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (name, value) in disruptedPods ?? [])
        {
            if (ObjectMeta.Timestamp(value) is { } at && at + DeletionTimeout > now
                && byName.TryGetValue(name, out var pod) && !pod.IsTerminating())
            {
                result[name] = at;
            }
        }

        return result;
    }

    private static JsonObject DisruptionAllowed(bool allowed, JsonObject? previousStatus, long generation, DateTimeOffset now)
    {
        var status = allowed ? "True" : "False";
        var previous = (previousStatus?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(c => c["type"]?.GetValue<string>() == "DisruptionAllowed");
        var since = previous?["status"]?.GetValue<string>() == status && previous["lastTransitionTime"] is { } kept
            ? kept.GetValue<string>()
            : ObjectMeta.FormatTime(now);
        return new JsonObject
        {
            ["type"] = "DisruptionAllowed",
            ["status"] = status,
            ["observedGeneration"] = generation,
            ["lastTransitionTime"] = since,
            ["reason"] = allowed ? "SufficientPods" : "InsufficientPods",
            ["message"] = "",
        };
    }

    private static IntOrString? IntOrStringOf(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => IntOrString.FromInt((int)(JsonNumber.AsInt64(node) ?? 0)),
        System.Text.Json.JsonValueKind.String => IntOrString.FromString(node.GetValue<string>()),
        _ => null,
    };
}
