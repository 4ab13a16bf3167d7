using VisitCounter.Kube.Models;
using VisitCounter.Operator.Status;

namespace VisitCounter.Operator.Tests.Status;

public sealed class ConditionMergerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LastTransitionTime_moves_only_when_the_status_flips()
    {
        var first = ConditionMerger.Merge(null, [new ConditionState("Ready", false, "PodsNotReady", "0/1")], 1, T0);
        Assert.Equal(T0, first[0].LastTransitionTime);

        var sameStatus = ConditionMerger.Merge(first, [new ConditionState("Ready", false, "PodsNotReady", "0/2 changed message")], 2, T0.AddMinutes(1));
        Assert.Equal(T0, sameStatus[0].LastTransitionTime);
        Assert.Equal("0/2 changed message", sameStatus[0].Message);
        Assert.Equal(2, sameStatus[0].ObservedGeneration);

        var flipped = ConditionMerger.Merge(sameStatus, [new ConditionState("Ready", true, "AllPodsReady", "1/1")], 2, T0.AddMinutes(2));
        Assert.Equal(T0.AddMinutes(2), flipped[0].LastTransitionTime);
        Assert.Equal("True", flipped[0].Status);
    }

    [Fact]
    public void Transition_time_is_truncated_to_seconds_like_metav1_Time()
    {
        var merged = ConditionMerger.Merge(null, [new ConditionState("Degraded", true, "X", "y")], 1, T0.AddMilliseconds(789));
        Assert.Equal(T0, merged[0].LastTransitionTime);
    }

    [Fact]
    public void Conditions_come_out_in_the_given_order_and_unknown_old_types_are_dropped()
    {
        var old = new List<V1Condition> { new() { Type = "Legacy", Status = "True" } };
        var merged = ConditionMerger.Merge(old, [new("Ready", true, "a", "b"), new("Progressing", false, "c", "d"), new("Degraded", false, "e", "f")], 3, T0);
        Assert.Equal(["Ready", "Progressing", "Degraded"], merged.Select(c => c.Type));
    }
}
