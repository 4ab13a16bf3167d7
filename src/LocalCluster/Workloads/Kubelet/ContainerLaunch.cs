using System.Diagnostics;
using VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>Everything needed to start one container, or a command in it (<c>kubectl exec</c>), as a local process.</summary>
/// <param name="FileName">The image's program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">The complete environment of the process (nothing else is inherited).</param>
/// <param name="WorkingDirectory">The container's private directory on the host; the process's working directory
/// when it runs unsandboxed.</param>
/// <param name="Sandbox">The container's bubblewrap sandbox, or null where sandboxes cannot run.</param>
internal sealed record ContainerLaunch(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    SandboxSpec? Sandbox = null)
{
    /// <summary>The image's entrypoint as one command line.</summary>
    public IReadOnlyList<string> Entrypoint => [FileName, .. Arguments];

    /// <summary>Starts <paramref name="command"/> the way the container runs: same sandbox, environment and directories.</summary>
    public ProcessStartInfo StartInfo(IReadOnlyList<string> command)
    {
        Directory.CreateDirectory(WorkingDirectory);
        foreach (var mount in Sandbox?.Mounts ?? [])
        {
            if (!File.Exists(mount.HostPath))
            {
                Directory.CreateDirectory(mount.HostPath);
            }
        }

        foreach (var name in new[] { "HOME", "TMPDIR" })
        {
            if (Sandbox is null && Environment.TryGetValue(name, out var path))
            {
                Directory.CreateDirectory(path);
            }
        }

        var argv = Sandbox is null ? command : [BubblewrapArguments.Program, .. BubblewrapArguments.Build(Sandbox, command)];
        var info = new ProcessStartInfo(argv[0]) { WorkingDirectory = WorkingDirectory, UseShellExecute = false };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        // The child sees only what the pod spec and the launch define, not the host process's environment
        // (bwrap passes its environment on to the sandboxed command).
        info.Environment.Clear();
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }
}
