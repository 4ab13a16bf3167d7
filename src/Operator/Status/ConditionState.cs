namespace VisitCounter.Operator.Status;

/// <summary>What a condition should say now; <see cref="ConditionMerger"/> turns it into a metav1.Condition.</summary>
public sealed record ConditionState(string Type, bool IsTrue, string Reason, string Message);
