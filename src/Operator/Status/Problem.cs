namespace VisitCounter.Operator.Status;

/// <summary>Why a VisitCounterApp cannot reach its spec right now: a condition reason and a message a user can act on.</summary>
public sealed record Problem(string Reason, string Message);
