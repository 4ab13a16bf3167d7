namespace VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

/// <summary>
/// The bubblewrap command line that runs a command in a container's sandbox: its own PID, IPC and UTS namespaces,
/// a tmpfs root holding the host's top-level directories read-only (so that mount points such as <c>/data</c> can
/// be created, which a read-only bind of the host root would refuse), fresh /dev and /proc, and the spec's mounts on
/// top (shortest container path first, so that a mount inside another mount stays visible). With
/// <c>readOnlyRootFilesystem</c> the root is remounted read-only at the end.
/// <para>
/// The host's directories stay read-only even without <c>readOnlyRootFilesystem</c>: there is no image layer to
/// write to (Debian's bubblewrap 0.8 has no overlay support), and writable host directories would let a pod change
/// the host. Writable places are what a pod owns: its volumes, /tmp and HOME.
/// </para>
/// </summary>
internal static class BubblewrapArguments
{
    public const string Program = "bwrap";

    /// <summary>Root entries the sandbox makes its own instead of taking the host's.</summary>
    private static readonly HashSet<string> OwnRoots = new(StringComparer.Ordinal) { "dev", "proc", "tmp" };

    /// <summary>The host's root directory, as <see cref="SandboxSpec.HostRoot"/> wants it.</summary>
    public static IReadOnlyList<RootEntry> ReadHostRoot() =>
        new DirectoryInfo("/").EnumerateFileSystemInfos()
            .Select(info => new RootEntry(info.Name, info.LinkTarget))
            .ToList();

    public static IReadOnlyList<string> Build(SandboxSpec sandbox, IReadOnlyList<string> command)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        var args = new List<string>
        {
            // A killed kubelet must not leave sandboxes behind.
            "--die-with-parent",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--hostname", sandbox.Hostname,
            "--tmpfs", "/",
        };
        foreach (var entry in sandbox.HostRoot.Where(e => !OwnRoots.Contains(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, "/" + entry.Name]);
            }
            else
            {
                args.AddRange(["--ro-bind", "/" + entry.Name, "/" + entry.Name]);
            }
        }

        args.AddRange(["--dev", "/dev", "--proc", "/proc"]);
        foreach (var mount in sandbox.Mounts.OrderBy(m => m.ContainerPath.TrimEnd('/').Length).ThenBy(m => m.ContainerPath, StringComparer.Ordinal))
        {
            args.Add(mount.ReadOnly ? "--ro-bind" : "--bind");
            args.Add(mount.HostPath);
            args.Add(mount.ContainerPath);
        }

        if (sandbox.ReadOnlyRoot)
        {
            args.AddRange(["--remount-ro", "/"]);
        }

        args.Add("--chdir");
        args.Add(sandbox.WorkingDirectory);
        args.Add("--");
        args.AddRange(command);
        return args;
    }
}
