using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Status;

/// <summary>
/// Applies freshly computed condition states to the previous conditions, like apimachinery's
/// <c>meta.SetStatusCondition</c>: <c>lastTransitionTime</c> moves only when the status flips, so a reconcile that
/// changes nothing produces byte-identical conditions and therefore no status write.
/// </summary>
public static class ConditionMerger
{
    /// <summary>The merged conditions in the order of <paramref name="desired"/>.</summary>
    public static List<V1Condition> Merge(
        IEnumerable<V1Condition>? previous,
        IEnumerable<ConditionState> desired,
        long? observedGeneration,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var byType = (previous ?? []).GroupBy(c => c.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // metav1.Time has second precision on the wire; truncating here keeps our copy equal to what we read back.
        var transitionTime = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

        var merged = new List<V1Condition>();
        foreach (var state in desired)
        {
            var status = state.IsTrue ? "True" : "False";
            byType.TryGetValue(state.Type, out var old);
            var flipped = old is null || !string.Equals(old.Status, status, StringComparison.Ordinal) || old.LastTransitionTime is null;
            merged.Add(new V1Condition
            {
                Type = state.Type,
                Status = status,
                Reason = state.Reason,
                Message = state.Message,
                ObservedGeneration = observedGeneration,
                LastTransitionTime = flipped ? transitionTime : old!.LastTransitionTime,
            });
        }

        return merged;
    }
}
