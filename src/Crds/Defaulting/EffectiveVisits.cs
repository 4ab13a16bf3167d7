namespace VisitCounter.Crds.Defaulting;

/// <summary>Resolved visit collection settings.</summary>
public sealed record EffectiveVisits(bool Collect, int IntervalSeconds)
{
    /// <summary>The interval as a <see cref="TimeSpan"/>, for requeueing.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}
