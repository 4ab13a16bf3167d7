namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>Settings of the kubelet stand-in.</summary>
public sealed record KubeletOptions
{
    /// <summary>The node name pods are bound to (spec.nodeName).</summary>
    public string NodeName { get; init; } = "local-node";

    /// <summary>The host IP pods report (status.hostIP); node ports listen here.</summary>
    public string HostIp { get; init; } = "127.0.0.1";

    /// <summary>The first CrashLoopBackOff delay (the kubelet's is 10 s); the first restart is always immediate.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest CrashLoopBackOff delay (the kubelet's is 5 minutes).</summary>
    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often running pods' projected volumes are rewritten (tokens renewed); under the 10-minute minimum token lifetime.</summary>
    public TimeSpan VolumeRenewalInterval { get; init; } = TimeSpan.FromMinutes(5);
}
