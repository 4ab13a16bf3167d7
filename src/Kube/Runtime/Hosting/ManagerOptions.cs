using VisitCounter.Kube.Runtime.Events;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.LeaderElection;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>Settings of the controller runtime (controller-runtime's manager options).</summary>
public sealed class ManagerOptions
{
    /// <summary>Watch only this namespace; null: all namespaces.</summary>
    public string? Namespace { get; set; }

    /// <summary>Default parallelism of every controller (controller-runtime's default is 1); a controller may override it.</summary>
    public int MaxConcurrentReconciles { get; set; } = 1;

    /// <summary>Every cached object is reconciled again at this interval; null: never. Default 10 h, as controller-runtime.</summary>
    public TimeSpan? ResyncPeriod { get; set; } = TimeSpan.FromHours(10);

    /// <summary>How long in-flight reconciles may finish after shutdown starts before they are cancelled.</summary>
    public TimeSpan GracefulShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Leader election; disabled by default.</summary>
    public LeaderElectionOptions LeaderElection { get; set; } = new();

    /// <summary>What the informers cache: label selectors per kind and managedFields stripping.</summary>
    public CacheOptions Cache { get; set; } = new();

    /// <summary>Event attribution and aggregation.</summary>
    public EventRecorderOptions Events { get; set; } = new();

    /// <summary>The namespace of the leader Lease: explicit, else the watched namespace, else <c>default</c>.</summary>
    public string LeaseNamespace => LeaderElection.LeaseNamespace ?? Namespace ?? "default";

    /// <summary>Throws with the option name and the fix when a value cannot work.</summary>
    public void Validate()
    {
        if (MaxConcurrentReconciles < 1)
        {
            throw new ArgumentException($"ManagerOptions.MaxConcurrentReconciles must be at least 1 (was {MaxConcurrentReconciles}).");
        }

        if (ResyncPeriod < TimeSpan.Zero)
        {
            throw new ArgumentException($"ManagerOptions.ResyncPeriod must not be negative (was {ResyncPeriod}); use null to disable resync.");
        }

        if (GracefulShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException($"ManagerOptions.GracefulShutdownTimeout must not be negative (was {GracefulShutdownTimeout}).");
        }

        Events.Validate();
        if (LeaderElection.Enabled)
        {
            LeaderElection.Validate();
        }
    }
}
