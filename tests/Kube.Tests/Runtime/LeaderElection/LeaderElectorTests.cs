using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.LeaderElection;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Tests.Runtime.Support;

namespace VisitCounter.Kube.Tests.Runtime.LeaderElection;

public sealed class LeaderElectorTests
{
    private const string Ns = "ops";
    private const string LeaseName = "op-leader";
    private readonly FakeKubernetesClient client = new();
    private readonly ManualTimeProvider time = new();
    private readonly RuntimeMetrics metrics = new(new MetricsRegistry());

    [Fact]
    public async Task Creates_and_holds_an_absent_lease()
    {
        var elector = CreateElector("me");

        Assert.Equal(LeaseAttempt.Held, await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        var lease = client.Peek<V1Lease>(LeaseName, Ns)!;
        Assert.Equal("me", lease.Spec!.HolderIdentity);
        Assert.Equal(15, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(0, lease.Spec.LeaseTransitions);
        Assert.Equal(time.GetUtcNow(), lease.Spec.AcquireTime);
        Assert.Equal(time.GetUtcNow(), lease.Spec.RenewTime);
    }

    [Fact]
    public async Task Renewing_moves_renewTime_only()
    {
        var elector = CreateElector("me");
        await elector.TryAcquireOrRenewAsync(CancellationToken.None);
        var acquired = time.GetUtcNow();

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(LeaseAttempt.Held, await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        var spec = client.Peek<V1Lease>(LeaseName, Ns)!.Spec!;
        Assert.Equal(acquired, spec.AcquireTime);
        Assert.Equal(acquired.AddSeconds(2), spec.RenewTime);
        Assert.Equal(0, spec.LeaseTransitions);
    }

    [Fact]
    public async Task A_lease_held_by_another_is_taken_only_after_it_stops_changing_for_the_lease_duration()
    {
        // The other holder's renewTime is far in the past (clock skew): only our own observation counts.
        SeedLease("other", renewTime: time.GetUtcNow().AddHours(-3), transitions: 4);
        var elector = CreateElector("me");

        Assert.Equal(LeaseAttempt.HeldByOther, await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal(LeaseAttempt.HeldByOther, await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LeaseAttempt.Held, await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        var spec = client.Peek<V1Lease>(LeaseName, Ns)!.Spec!;
        Assert.Equal("me", spec.HolderIdentity);
        Assert.Equal(5, spec.LeaseTransitions);
        Assert.Equal(time.GetUtcNow(), spec.AcquireTime);
    }

    [Fact]
    public async Task A_renewal_by_the_other_holder_restarts_the_wait()
    {
        SeedLease("other", time.GetUtcNow());
        var elector = CreateElector("me");
        await elector.TryAcquireOrRenewAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(10));
        RenewAs("other");
        Assert.Equal(LeaseAttempt.HeldByOther, await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(LeaseAttempt.HeldByOther, await elector.TryAcquireOrRenewAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_released_lease_is_taken_at_once()
    {
        SeedLease(string.Empty, time.GetUtcNow());
        var elector = CreateElector("me");

        Assert.Equal(LeaseAttempt.Held, await elector.TryAcquireOrRenewAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Losing_the_optimistic_concurrency_race_is_a_failed_attempt_not_an_error()
    {
        SeedLease(string.Empty, time.GetUtcNow());
        client.FailWhen = call => call.StartsWith("Update", StringComparison.Ordinal) ? FakeKubernetesClient.Error(HttpStatusCode.Conflict, "Conflict") : null;
        var elector = CreateElector("me");

        Assert.Equal(LeaseAttempt.Failed, await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        client.FailWhen = _ => FakeKubernetesClient.Error(HttpStatusCode.InternalServerError, "InternalError");
        Assert.Equal(LeaseAttempt.Failed, await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.Equal(string.Empty, client.Peek<V1Lease>(LeaseName, Ns)!.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task Leading_work_is_cancelled_at_once_when_another_replica_takes_the_lease_and_the_elector_campaigns_again()
    {
        var elector = CreateElector("me");
        var leadingTokens = new List<CancellationToken>();
        var started = new SemaphoreSlim(0);
        using var shutdown = new CancellationTokenSource();
        var run = elector.RunAsync(
            async token =>
            {
                leadingTokens.Add(token);
                started.Release();
                await Task.Delay(Timeout.Infinite, token);
            },
            shutdown.Token);

        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(elector.IsLeader);
        Assert.Equal(1, metrics.LeaderElectionStatus.WithLabels(LeaseName).Value);

        RenewAs("usurper");
        await AdvanceWhenWaiting(TimeSpan.FromSeconds(2));

        await Eventually.True(() => leadingTokens[0].IsCancellationRequested, "leading token cancelled");
        await Eventually.True(() => !elector.IsLeader, "no longer leader");
        Assert.Equal(0, metrics.LeaderElectionStatus.WithLabels(LeaseName).Value);

        // Campaigning again: the usurper stops renewing, so after the lease duration we lead again.
        for (var i = 0; i < 10 && leadingTokens.Count < 2; i++)
        {
            await AdvanceWhenWaiting(TimeSpan.FromSeconds(2.4));
        }

        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("me", client.Peek<V1Lease>(LeaseName, Ns)!.Spec!.HolderIdentity);
        Assert.Equal(1, client.Peek<V1Lease>(LeaseName, Ns)!.Spec!.LeaseTransitions);
        await shutdown.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Leadership_ends_when_renewals_keep_failing_for_the_renew_deadline()
    {
        var elector = CreateElector("me");
        var token = new TaskCompletionSource<CancellationToken>();
        using var shutdown = new CancellationTokenSource();
        var run = elector.RunAsync(t => { token.SetResult(t); return Task.Delay(Timeout.Infinite, t); }, shutdown.Token);
        var leading = await token.Task.WaitAsync(TimeSpan.FromSeconds(20));

        client.FailWhen = _ => new HttpRequestException("API server unreachable");
        for (var i = 0; i < 4; i++)
        {
            await AdvanceWhenWaiting(TimeSpan.FromSeconds(2));
            Assert.False(leading.IsCancellationRequested, $"still within the renew deadline after {(i + 1) * 2} s");
        }

        await AdvanceWhenWaiting(TimeSpan.FromSeconds(2));
        await Eventually.True(() => leading.IsCancellationRequested, "leading token cancelled after 10 s of failed renewals");

        await shutdown.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Shutdown_cancels_the_leading_work_first_and_then_releases_the_lease()
    {
        var elector = CreateElector("me");
        string? holderWhenWorkStopped = null;
        var started = new TaskCompletionSource();
        using var shutdown = new CancellationTokenSource();
        var run = elector.RunAsync(
            async token =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                finally
                {
                    holderWhenWorkStopped = client.Peek<V1Lease>(LeaseName, Ns)!.Spec!.HolderIdentity;
                }
            },
            shutdown.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await shutdown.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("me", holderWhenWorkStopped);
        var spec = client.Peek<V1Lease>(LeaseName, Ns)!.Spec!;
        Assert.Equal(string.Empty, spec.HolderIdentity);
        Assert.Equal(1, spec.LeaseDurationSeconds);
        Assert.False(elector.IsLeader);
    }

    [Fact]
    public void Default_identity_is_hostname_underscore_uuid()
    {
        var elector = new LeaderElector(client, new LeaderElectionOptions { LeaseName = LeaseName }, Ns, NullLogger<LeaderElector>.Instance, metrics, time);

        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(Environment.MachineName)}_[0-9a-f-]{{36}}$", elector.Identity);
    }

    [Theory]
    [InlineData(15, 15, 2, "LeaseDuration")]
    [InlineData(15, 2, 2, "RenewDeadline")]
    [InlineData(15, 10, 0, "RetryPeriod")]
    public void Impossible_timings_are_rejected_naming_the_field(int lease, int renew, int retry, string field)
    {
        var options = new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(lease),
            RenewDeadline = TimeSpan.FromSeconds(renew),
            RetryPeriod = TimeSpan.FromSeconds(retry),
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    private LeaderElector CreateElector(string identity) =>
        new(client, new LeaderElectionOptions { LeaseName = LeaseName, Identity = identity }, Ns, NullLogger<LeaderElector>.Instance, metrics, time, new Random(3));

    private void SeedLease(string holder, DateTimeOffset renewTime, int transitions = 0) => client.Seed(new V1Lease
    {
        Metadata = new V1ObjectMeta { Name = LeaseName, Namespace = Ns },
        Spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 15, RenewTime = renewTime, AcquireTime = renewTime, LeaseTransitions = transitions },
    });

    private void RenewAs(string holder)
    {
        var lease = client.Peek<V1Lease>(LeaseName, Ns)!;
        lease.Spec!.HolderIdentity = holder;
        lease.Spec.RenewTime = time.GetUtcNow();
        client.UpdateAsync(lease).GetAwaiter().GetResult();
    }

    private async Task AdvanceWhenWaiting(TimeSpan by)
    {
        await Eventually.True(() => time.PendingTimers > 0, "the elector to wait on its clock");
        time.Advance(by);
    }
}
