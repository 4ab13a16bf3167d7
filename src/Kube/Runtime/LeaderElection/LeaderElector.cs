using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.LeaderElection;

/// <summary>
/// client-go's lease-based leader election. A candidate takes the Lease when it is empty, released, or has not been
/// renewed for <see cref="LeaderElectionOptions.LeaseDuration"/> as measured on the candidate's own clock (so clock skew
/// between replicas does not matter). The leader renews every retry period; if it cannot renew within the renew deadline,
/// or finds another holder, it cancels the work it runs at once. Every write is an optimistic-concurrency update:
/// a 409 Conflict means another replica won the race.
/// </summary>
public sealed class LeaderElector
{
    /// <summary>Retry waits are stretched by up to this factor so candidates do not move in lockstep.</summary>
    public const double JitterFactor = 1.2;

    private readonly IKubernetesClient client;
    private readonly LeaderElectionOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly Gauge status;
    private ObservedLease? observed;
    private volatile bool isLeader;

    /// <summary>Creates an elector for the lease <paramref name="leaseNamespace"/>/<see cref="LeaderElectionOptions.LeaseName"/>.</summary>
    public LeaderElector(IKubernetesClient client, LeaderElectionOptions options, string leaseNamespace, ILogger<LeaderElector> logger, RuntimeMetrics metrics, TimeProvider? time = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(leaseNamespace);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        options.Validate();
        this.client = client;
        this.options = options;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        this.random = random ?? Random.Shared;
        LeaseNamespace = leaseNamespace;
        Identity = string.IsNullOrEmpty(options.Identity) ? $"{Environment.MachineName}_{Guid.NewGuid()}" : options.Identity;
        status = metrics.LeaderElectionStatus.WithLabels(options.LeaseName);
        status.Set(0);
    }

    /// <summary>This candidate's holderIdentity.</summary>
    public string Identity { get; }

    /// <summary>The lease's namespace.</summary>
    public string LeaseNamespace { get; }

    /// <summary>True while this replica holds the lease.</summary>
    public bool IsLeader => isLeader;

    /// <summary>
    /// Campaigns until elected, runs <paramref name="whileLeading"/> with a token that is cancelled the moment leadership
    /// is lost, and campaigns again after a loss. When <paramref name="cancellationToken"/> is cancelled (shutdown), the
    /// leading work is cancelled and awaited, then the lease is released.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await AcquireAsync(cancellationToken))
            {
                return;
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = RunLeadingWorkAsync(whileLeading, leading.Token);
            var lostReason = await RenewUntilLostAsync(cancellationToken);
            await leading.CancelAsync();
            await work;
            SetLeader(false);
            if (lostReason is null)
            {
                if (options.ReleaseOnCancel)
                {
                    await ReleaseAsync();
                }

                return;
            }

            LeaderElectionLog.Lost(logger, LeaseNamespace, options.LeaseName, Identity, lostReason);
        }
    }

    /// <summary>One acquire-or-renew attempt (client-go's <c>tryAcquireOrRenew</c>); never throws except for cancellation.</summary>
    public async Task<LeaseAttempt> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var lease = await client.GetAsync<V1Lease>(options.LeaseName, LeaseNamespace, cancellationToken);
            if (lease is null)
            {
                var created = await client.CreateAsync(NewLease(now), cancellationToken);
                Observe(created, now);
                return LeaseAttempt.Held;
            }

            Observe(lease, now);
            var spec = lease.Spec ?? new V1LeaseSpec();
            var heldByMe = string.Equals(spec.HolderIdentity, Identity, StringComparison.Ordinal);
            if (!heldByMe && !string.IsNullOrEmpty(spec.HolderIdentity) && !IsExpired(spec, now))
            {
                return LeaseAttempt.HeldByOther;
            }

            if (!heldByMe)
            {
                spec.AcquireTime = now;
                spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
            }

            spec.HolderIdentity = Identity;
            spec.LeaseDurationSeconds = (int)Math.Ceiling(options.LeaseDuration.TotalSeconds);
            spec.RenewTime = now;
            lease.Spec = spec;
            var updated = await client.UpdateAsync(lease, cancellationToken);
            Observe(updated, now);
            return LeaseAttempt.Held;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error) when (error is ConflictException or AlreadyExistsException)
        {
            // Another candidate wrote first; its record is what we will observe next time.
            return LeaseAttempt.Failed;
        }
        catch (Exception error)
        {
            LeaderElectionLog.AttemptFailed(logger, error, LeaseNamespace, options.LeaseName);
            return LeaseAttempt.Failed;
        }
    }

    /// <summary>
    /// Hands the lease back if we hold it: empty holder and a 1 s duration, as client-go's ReleaseOnCancel does,
    /// so the next candidate need not wait for the full lease duration.
    /// </summary>
    public async Task ReleaseAsync()
    {
        // Shutdown has cancelled everything else; this one bounded call must still happen for a fast hand-over.
        using var timeout = new CancellationTokenSource(options.RenewDeadline, time);
        try
        {
            var lease = await client.GetAsync<V1Lease>(options.LeaseName, LeaseNamespace, timeout.Token);
            if (lease?.Spec is not { } spec || !string.Equals(spec.HolderIdentity, Identity, StringComparison.Ordinal))
            {
                return;
            }

            var now = time.GetUtcNow();
            spec.HolderIdentity = string.Empty;
            spec.LeaseDurationSeconds = 1;
            spec.RenewTime = now;
            spec.AcquireTime = now;
            await client.UpdateAsync(lease, timeout.Token);
            LeaderElectionLog.Released(logger, LeaseNamespace, options.LeaseName);
        }
        catch (Exception error)
        {
            LeaderElectionLog.ReleaseFailed(logger, error, LeaseNamespace, options.LeaseName);
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LeaderElectionLog.Attempting(logger, LeaseNamespace, options.LeaseName, Identity);
        string? lastHolder = null;
        try
        {
            while (true)
            {
                var attempt = await TryAcquireOrRenewAsync(cancellationToken);
                if (attempt == LeaseAttempt.Held)
                {
                    SetLeader(true);
                    LeaderElectionLog.Acquired(logger, LeaseNamespace, options.LeaseName, Identity);
                    return true;
                }

                if (attempt == LeaseAttempt.HeldByOther && observed?.Holder is { } holder && holder != lastHolder)
                {
                    lastHolder = holder;
                    LeaderElectionLog.HeldByOther(logger, LeaseNamespace, options.LeaseName, holder);
                }

                await Task.Delay(Jittered(options.RetryPeriod), time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Renews every retry period; returns why leadership was lost, or null when shutdown was requested.</summary>
    private async Task<string?> RenewUntilLostAsync(CancellationToken cancellationToken)
    {
        var lastRenewal = time.GetUtcNow();
        try
        {
            while (true)
            {
                await Task.Delay(options.RetryPeriod, time, cancellationToken);
                var remaining = options.RenewDeadline - (time.GetUtcNow() - lastRenewal);
                var attempt = LeaseAttempt.Failed;
                if (remaining > TimeSpan.Zero)
                {
                    // A hung request must not keep us "leader" past the deadline: bound it by the time left.
                    using var deadline = new CancellationTokenSource(remaining, time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
                    try
                    {
                        attempt = await TryAcquireOrRenewAsync(linked.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        attempt = LeaseAttempt.Failed;
                    }
                }

                switch (attempt)
                {
                    case LeaseAttempt.Held:
                        lastRenewal = time.GetUtcNow();
                        break;
                    case LeaseAttempt.HeldByOther:
                        return $"the lease is now held by {observed?.Holder}";
                    case LeaseAttempt.Failed when time.GetUtcNow() - lastRenewal >= options.RenewDeadline:
                        return $"could not renew within the renew deadline of {options.RenewDeadline.TotalSeconds} s";
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task RunLeadingWorkAsync(Func<CancellationToken, Task> whileLeading, CancellationToken leadingToken)
    {
        try
        {
            await whileLeading(leadingToken);
        }
        catch (OperationCanceledException) when (leadingToken.IsCancellationRequested)
        {
            // Expected: leadership ended.
        }
    }

    private bool IsExpired(V1LeaseSpec spec, DateTimeOffset now)
    {
        // Expiry is judged from when *we* saw the record last change, not from its renewTime, which another
        // replica's clock wrote (client-go does the same to be immune to clock skew).
        var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)options.LeaseDuration.TotalSeconds);
        return observed is null || observed.ObservedAt + duration <= now;
    }

    private void Observe(V1Lease lease, DateTimeOffset now)
    {
        var record = new ObservedLease(lease.Spec?.HolderIdentity, lease.Spec?.RenewTime, lease.Metadata.ResourceVersion, now);
        if (observed is null || !observed.SameRecord(record))
        {
            observed = record;
        }
    }

    private V1Lease NewLease(DateTimeOffset now) => new()
    {
        Metadata = new V1ObjectMeta { Name = options.LeaseName, Namespace = LeaseNamespace },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = (int)Math.Ceiling(options.LeaseDuration.TotalSeconds),
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = 0,
        },
    };

    private TimeSpan Jittered(TimeSpan period) => period * (1 + ((JitterFactor - 1) * random.NextDouble()));

    private void SetLeader(bool leader)
    {
        isLeader = leader;
        status.Set(leader ? 1 : 0);
    }

    private sealed record ObservedLease(string? Holder, DateTimeOffset? RenewTime, string? ResourceVersion, DateTimeOffset ObservedAt)
    {
        public bool SameRecord(ObservedLease other) =>
            Holder == other.Holder && RenewTime == other.RenewTime && ResourceVersion == other.ResourceVersion;
    }
}
