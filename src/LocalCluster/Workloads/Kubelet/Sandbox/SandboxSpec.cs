namespace VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

/// <summary>A host directory or file bound into a container's sandbox.</summary>
/// <param name="HostPath">The directory (or file) on the host.</param>
/// <param name="ContainerPath">Where the container sees it.</param>
/// <param name="ReadOnly">Bound read-only (a volumeMount's <c>readOnly</c>, the generated /etc/hosts).</param>
internal sealed record SandboxMount(string HostPath, string ContainerPath, bool ReadOnly);

/// <summary>
/// What a container's sandbox looks like, independent of the command run in it: the container process and every
/// <c>kubectl exec</c> into it get the same mounts, hostname and working directory.
/// </summary>
/// <param name="Hostname">The pod's hostname (its own UTS namespace).</param>
/// <param name="Mounts">Volumes, the private /tmp and HOME, /etc/hosts; bound over the read-only host root.</param>
/// <param name="WorkingDirectory">The container's working directory inside the sandbox.</param>
internal sealed record SandboxSpec(string Hostname, IReadOnlyList<SandboxMount> Mounts, string WorkingDirectory);
