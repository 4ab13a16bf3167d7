namespace VisitCounter.Kube.Runtime.LeaderElection;

/// <summary>The outcome of one acquire-or-renew attempt.</summary>
public enum LeaseAttempt
{
    /// <summary>We hold the lease (newly acquired or renewed).</summary>
    Held,

    /// <summary>Another replica holds a lease that has not expired.</summary>
    HeldByOther,

    /// <summary>The attempt failed (API error, or lost an optimistic-concurrency race); try again later.</summary>
    Failed,
}
