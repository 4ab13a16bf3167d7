using VisitCounter.Kube.Models;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Visits;

/// <summary>
/// A ready pod that did not answer one reading (a timeout under heavy traffic, a dropped connection) keeps its last
/// known count: counts only grow and live on the pod's volume, so the last one is still true, while showing it as
/// unknown and then known again would write the status twice for nothing.
/// </summary>
public static class VisitsCarryOver
{
    /// <summary>
    /// The counts of <paramref name="answered"/>, plus the <paramref name="lastKnown"/> count of every ready pod in
    /// <paramref name="pods"/> that did not answer. Pods that are not ready were not asked and stay unknown.
    /// </summary>
    public static IReadOnlyDictionary<string, long> Merge(
        IReadOnlyDictionary<string, long> answered, IEnumerable<V1Pod> pods, IReadOnlyDictionary<string, long> lastKnown)
    {
        ArgumentNullException.ThrowIfNull(answered);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(lastKnown);
        var merged = new Dictionary<string, long>(answered, StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata.Name is { } name && StatusCalculator.IsPodReady(pod) && !merged.ContainsKey(name)
                && lastKnown.TryGetValue(name, out var count))
            {
                merged[name] = count;
            }
        }

        return merged;
    }
}
