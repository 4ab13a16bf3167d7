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
/// <para>
/// /run is the container's own, as in a container image, not the host's: that is where a pod's service account
/// volume goes (/var/run/secrets/kubernetes.io/serviceaccount). A mount point below a host directory is named by
/// its resolved path, since bwrap would follow a host symlink such as /var/run -> /run out of the new root.
/// </para>
/// </summary>
internal static class BubblewrapArguments
{
    public const string Program = "bwrap";

    /// <summary>Root entries the sandbox makes its own instead of taking the host's.</summary>
    private static readonly HashSet<string> OwnRoots = new(StringComparer.Ordinal) { "dev", "proc", "run", "tmp" };

    /// <summary>How many symlinks a mount path may pass through (the kernel's limit).</summary>
    private const int MaxSymlinkHops = 40;

    /// <summary>The host's root directory, as <see cref="SandboxSpec.HostRoot"/> wants it.</summary>
    public static IReadOnlyList<RootEntry> ReadHostRoot() =>
        new DirectoryInfo("/").EnumerateFileSystemInfos()
            .Select(info => new RootEntry(info.Name, info.LinkTarget))
            .ToList();

    /// <summary>The command line; <paramref name="readLink"/> reads a host symlink (null: the real file system).</summary>
    public static IReadOnlyList<string> Build(SandboxSpec sandbox, IReadOnlyList<string> command, Func<string, string?>? readLink = null)
    {
        readLink ??= HostLinkTarget;
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

        args.AddRange(["--dev", "/dev", "--proc", "/proc", "--dir", "/run"]);
        var mounts = sandbox.Mounts
            .Select(m => m with { ContainerPath = ResolveHostLinks(m.ContainerPath, sandbox.HostRoot, readLink) })
            .OrderBy(m => m.ContainerPath.TrimEnd('/').Length)
            .ThenBy(m => m.ContainerPath, StringComparer.Ordinal);
        foreach (var mount in mounts)
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

    /// <summary>
    /// The path a mount point has once the host symlinks among its parent directories are followed (<c>/var/run/x</c>
    /// is <c>/run/x</c> where the host's /var/run links to /run). Only parents inside the host directories bound into
    /// the sandbox are followed; the container's own roots (/tmp, /run, ...) hold no host symlinks.
    /// </summary>
    public static string ResolveHostLinks(string containerPath, IReadOnlyList<RootEntry> hostRoot, Func<string, string?> readLink)
    {
        var path = containerPath;
        for (var hop = 0; hop < MaxSymlinkHops; hop++)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || OwnRoots.Contains(parts[0]) || !hostRoot.Any(e => e.Name == parts[0]))
            {
                return path;
            }

            var resolved = Follow(parts, readLink);
            if (resolved is null)
            {
                return path;
            }

            path = resolved;
        }

        return path;
    }

    /// <summary>The path with its first symlinked parent replaced by the link's target, or null when no parent is a symlink.</summary>
    private static string? Follow(string[] parts, Func<string, string?> readLink)
    {
        var parent = "";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var current = parent + "/" + parts[i];
            if (readLink(current) is { Length: > 0 } target)
            {
                var rest = string.Join('/', parts.Skip(i + 1));
                var linked = target.StartsWith('/') ? target : (parent.Length == 0 ? "/" : parent + "/") + target;
                return Path.GetFullPath(Path.Combine(linked, rest));
            }

            parent = current;
        }

        return null;
    }

    private static string? HostLinkTarget(string path) => new FileInfo(path).LinkTarget;
}
