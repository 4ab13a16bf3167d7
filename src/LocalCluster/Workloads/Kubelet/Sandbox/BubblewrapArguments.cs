namespace VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

/// <summary>
/// The bubblewrap command line that runs a command in a container's sandbox: the host's root read-only, fresh
/// /dev and /proc, its own PID, IPC and UTS namespaces, and the spec's mounts on top (shortest container path
/// first, so that a mount inside another mount stays visible).
/// <para>
/// The host root stays read-only even without <c>readOnlyRootFilesystem</c>: there is no image layer to write to
/// (Debian's bubblewrap 0.8 has no overlay support), and a writable host root would let a pod change the host.
/// Writable places are what a pod owns: its volumes, /tmp and HOME.
/// </para>
/// </summary>
internal static class BubblewrapArguments
{
    public const string Program = "bwrap";

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
            "--ro-bind", "/", "/",
            "--dev", "/dev",
            "--proc", "/proc",
        };
        foreach (var mount in sandbox.Mounts.OrderBy(m => m.ContainerPath.TrimEnd('/').Length).ThenBy(m => m.ContainerPath, StringComparer.Ordinal))
        {
            args.Add(mount.ReadOnly ? "--ro-bind" : "--bind");
            args.Add(mount.HostPath);
            args.Add(mount.ContainerPath);
        }

        args.Add("--chdir");
        args.Add(sandbox.WorkingDirectory);
        args.Add("--");
        args.AddRange(command);
        return args;
    }
}
