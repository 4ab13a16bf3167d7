namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// The kubelet's restart back-off (CrashLoopBackOff): the first restart is immediate, later ones wait an initial
/// delay that doubles up to a maximum, and a container that ran long enough without trouble starts afresh.
/// </summary>
internal sealed class CrashBackoff(TimeSpan initial, TimeSpan maximum)
{
    private TimeSpan _next = TimeSpan.Zero;

    /// <summary>The delay before restarting a container that ran for <paramref name="ranFor"/>.</summary>
    public TimeSpan Next(TimeSpan ranFor)
    {
        if (ranFor >= maximum + maximum)
        {
            _next = TimeSpan.Zero;
        }

        var delay = _next;
        _next = _next == TimeSpan.Zero ? initial : TimeSpan.FromTicks(Math.Min(maximum.Ticks, _next.Ticks * 2));
        return delay;
    }
}
