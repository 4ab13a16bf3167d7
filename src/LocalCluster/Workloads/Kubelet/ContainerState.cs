namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>A container's state as the kubelet reports it in containerStatuses[].state.</summary>
internal abstract record ContainerState;

/// <summary>
/// Not running: not started yet, or waiting to be restarted, with the kubelet's reason (<c>ErrImagePull</c>,
/// <c>CreateContainerConfigError</c>, <c>ContainerCreating</c>, <c>CrashLoopBackOff</c>).
/// </summary>
internal sealed record WaitingState(string Reason, string Message) : ContainerState;

/// <summary>The process runs.</summary>
internal sealed record RunningState(DateTimeOffset StartedAt) : ContainerState;

/// <summary>The process ended.</summary>
internal sealed record TerminatedState(int ExitCode, string Reason, string? Message, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string ContainerId)
    : ContainerState;

/// <summary>Everything the kubelet reports about one container.</summary>
internal sealed record ContainerRuntimeStatus(
    string Name,
    string Image,
    ContainerState State,
    TerminatedState? LastTermination,
    bool Ready,
    bool Started,
    int RestartCount,
    string? ContainerId);
