namespace VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

/// <summary>A host directory or file bound into a container's sandbox.</summary>
/// <param name="HostPath">The directory (or file) on the host.</param>
/// <param name="ContainerPath">Where the container sees it.</param>
/// <param name="ReadOnly">Bound read-only (a volumeMount's <c>readOnly</c>, the generated /etc/hosts).</param>
internal sealed record SandboxMount(string HostPath, string ContainerPath, bool ReadOnly);

/// <summary>An entry of the host's root directory: a directory or file bound read-only, or a symlink recreated.</summary>
/// <param name="Name">The entry's name, e.g. <c>usr</c>.</param>
/// <param name="LinkTarget">The symlink's target (<c>usr/bin</c> for <c>bin</c>), null for directories and files.</param>
internal sealed record RootEntry(string Name, string? LinkTarget);

/// <summary>What every sandbox of a pod shares: its generated /etc/hosts and the host root it is built from.</summary>
/// <param name="HostsFile">The pod's hosts file on the host.</param>
/// <param name="HostRoot">The host's root entries (see <see cref="RootEntry"/>).</param>
internal sealed record PodSandbox(string HostsFile, IReadOnlyList<RootEntry> HostRoot);

/// <summary>
/// What a container's sandbox looks like, independent of the command run in it: the container process and every
/// <c>kubectl exec</c> into it get the same mounts, hostname and working directory.
/// </summary>
/// <param name="Hostname">The pod's hostname (its own UTS namespace).</param>
/// <param name="Mounts">Volumes, the private /tmp and HOME, /etc/hosts; bound over the read-only host root.</param>
/// <param name="WorkingDirectory">The container's working directory inside the sandbox.</param>
/// <param name="ReadOnlyRoot">readOnlyRootFilesystem: the root itself is read-only (else writes outside the host's
/// directories land in a throw-away tmpfs, as in a container's writable layer).</param>
/// <param name="HostRoot">The host's root entries, bound read-only into the sandbox's root.</param>
internal sealed record SandboxSpec(string Hostname, IReadOnlyList<SandboxMount> Mounts, string WorkingDirectory, bool ReadOnlyRoot, IReadOnlyList<RootEntry> HostRoot);
