namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>How one controller runs.</summary>
public sealed record ControllerOptions
{
    /// <summary>The controller's name in logs and metrics (default: the lower-case kind, as controller-runtime does).</summary>
    public required string Name { get; init; }

    /// <summary>How many different objects may be reconciled in parallel (never the same object twice at once).</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>Every cached object is reconciled again at this interval even without changes; null or zero: never.</summary>
    public TimeSpan? ResyncPeriod { get; init; } = TimeSpan.FromHours(10);

    /// <summary>Throws with the field name when a value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("Controller name must not be empty.");
        }

        if (MaxConcurrentReconciles < 1)
        {
            throw new ArgumentException($"MaxConcurrentReconciles must be at least 1 (was {MaxConcurrentReconciles}).");
        }

        if (ResyncPeriod < TimeSpan.Zero)
        {
            throw new ArgumentException($"ResyncPeriod must not be negative (was {ResyncPeriod}); use null to disable resync.");
        }
    }
}
