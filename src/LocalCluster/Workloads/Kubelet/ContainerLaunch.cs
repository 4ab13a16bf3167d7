namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>Everything needed to start one container as a local process.</summary>
/// <param name="FileName">The program to start.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">The complete environment of the process (nothing else is inherited).</param>
/// <param name="WorkingDirectory">The container's private working directory.</param>
internal sealed record ContainerLaunch(
    string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory);
