namespace VisitCounter.Kube.Runtime.LeaderElection;

/// <summary>Leader election on a <c>coordination.k8s.io/v1</c> Lease, with client-go's default timings.</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Whether to elect a leader at all; when false every replica reconciles.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Lease's name; all replicas of one operator must use the same.</summary>
    public string LeaseName { get; set; } = "kube-operator-leader";

    /// <summary>The Lease's namespace; null: the operator's watched namespace, or <c>default</c>.</summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>How long a non-leader waits after the last observed renewal before taking over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before giving up leadership.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The interval between acquire or renew attempts.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>This replica's identity; null: <c>hostname_uuid</c>.</summary>
    public string? Identity { get; set; }

    /// <summary>On graceful shutdown, hand the lease back so another replica takes over at once.</summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>Throws with the field name and the rule when the timings cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LeaseName))
        {
            throw new ArgumentException("LeaderElection.LeaseName must be set (a Lease object name, e.g. my-operator-leader).");
        }

        if (RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"LeaderElection.RetryPeriod must be positive (was {RetryPeriod}).");
        }

        if (RenewDeadline <= RetryPeriod * LeaderElector.JitterFactor)
        {
            throw new ArgumentException($"LeaderElection.RenewDeadline ({RenewDeadline}) must be greater than RetryPeriod x {LeaderElector.JitterFactor} ({RetryPeriod * LeaderElector.JitterFactor}).");
        }

        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException($"LeaderElection.LeaseDuration ({LeaseDuration}) must be greater than RenewDeadline ({RenewDeadline}), or two leaders could overlap.");
        }
    }
}
