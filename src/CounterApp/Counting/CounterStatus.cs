using System.Diagnostics.CodeAnalysis;

namespace VisitCounter.CounterApp.Counting;

/// <summary>The durable count, if known, and the problem that stops new visits, if any.</summary>
/// <param name="Visits">The count on disk, or <see langword="null"/> when it could not be read.</param>
/// <param name="Problem">Why visits are refused; <see langword="null"/> when they are accepted.</param>
public sealed record CounterStatus(long? Visits, string? Problem)
{
    /// <summary>Visits are being recorded.</summary>
    [MemberNotNullWhen(true, nameof(Visits))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsHealthy => Problem is null && Visits is not null;
}
