using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.Kube.Configuration;
using VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// Turns a container of a pod spec into a local process launch, the way the kubelet turns it into a container:
/// the image picks the program, env comes from the spec (values with <c>$(VAR)</c> expansion, the downward API via
/// fieldRef) and volumes are host directories.
/// <para>
/// Given a <see cref="PodSandbox"/>, the container runs in a bubblewrap sandbox (<see cref="SandboxSpec"/>): volumes
/// are bound at their mountPaths, /tmp and HOME (/root) are the container's own directories, /etc/hosts is the
/// generated one, and the environment is exactly the pod spec's.
/// </para>
/// <para>
/// Without a sandbox (no bubblewrap), mounts are done by translation: an environment value that points into a
/// volumeMount's mountPath (<c>VISITS_FILE=/data/visits</c>) is rewritten to the same path under the volume's
/// directory. This needs no privileges and works on every OS; its limit is that a program which builds paths
/// under the mount point itself (not from its environment) does not see the volume. The one such path every
/// Kubernetes client builds, the service account directory, is passed in
/// <see cref="ConfigurationEnvironment.ServiceAccountDirectoryVariable"/> instead.
/// </para>
/// Every container gets the API server's <c>KUBERNETES_SERVICE_*</c> variables first (a real kubelet's service
/// links for the <c>kubernetes</c> Service); the pod's own env may refer to them and override them.
/// The process gets a fresh environment: the pod's variables, <c>BIND_ADDRESS</c> (its loopback pod IP, since
/// all local pods share one network namespace), <c>HOSTNAME</c>, a private HOME/TMPDIR and only the host
/// variables needed to find and run the program (PATH, DOTNET_ROOT).
/// </summary>
internal static class ContainerLaunchBuilder
{
    /// <summary>Host variables passed through so that the program can be found and started.</summary>
    private static readonly string[] HostVariables = ["PATH", "DOTNET_ROOT", "LANG"];

    public static (ContainerLaunch? Launch, WaitingState? Waiting) Build(
        JsonObject pod,
        JsonObject container,
        LocalImage image,
        string podIp,
        string hostIp,
        string containerDirectory,
        IReadOnlyDictionary<string, string> volumeDirectories,
        IReadOnlyDictionary<string, string?> hostEnvironment,
        PodSandbox? podSandbox = null,
        IReadOnlyDictionary<string, string>? serviceEnvironment = null)
    {
        var mounts = new List<(string MountPath, string HostPath)>();
        var sandboxMounts = new List<SandboxMount>();
        foreach (var mount in container["volumeMounts"] as JsonArray ?? [])
        {
            var name = mount?["name"]?.GetValue<string>() ?? "";
            var mountPath = (mount?["mountPath"]?.GetValue<string>() ?? "").TrimEnd('/');
            if (!volumeDirectories.TryGetValue(name, out var hostPath))
            {
                return (null, new WaitingState("CreateContainerConfigError",
                    $"volumeMount \"{name}\" of container \"{ContainerName(container)}\" names no volume of the pod that the local cluster can provide (persistentVolumeClaim and emptyDir volumes are supported)"));
            }

            var subPath = mount?["subPath"]?.GetValue<string>();
            var source = string.IsNullOrEmpty(subPath) ? hostPath : Path.Combine(hostPath, subPath);
            mounts.Add((mountPath, source));
            sandboxMounts.Add(new SandboxMount(source, mountPath.Length == 0 ? "/" : mountPath, mount?["readOnly"]?.GetValue<bool>() == true));
        }

        mounts.Sort((a, b) => b.MountPath.Length.CompareTo(a.MountPath.Length));

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in HostVariables)
        {
            if (hostEnvironment.TryGetValue(name, out var value) && value is not null)
            {
                env[name] = value;
            }
        }

        var sandboxed = podSandbox is not null;
        var home = sandboxed ? SandboxHome : Path.Combine(containerDirectory, "home");
        env["HOME"] = home;
        env["DOTNET_CLI_HOME"] = home;
        if (!sandboxed)
        {
            env["TMPDIR"] = Path.Combine(containerDirectory, "tmp");
        }

        env["DOTNET_NOLOGO"] = "1";
        env["HOSTNAME"] = pod["spec"]?["hostname"]?.GetValue<string>() ?? pod["metadata"]?["name"]?.GetValue<string>() ?? "";

        var defined = new Dictionary<string, string>(serviceEnvironment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (name, value) in defined)
        {
            env[name] = value;
        }

        var podEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = variable["name"]?.GetValue<string>() ?? "";
            string? value;
            if (variable["valueFrom"] is JsonObject from)
            {
                if (from["fieldRef"]?["fieldPath"]?.GetValue<string>() is { } fieldPath)
                {
                    value = DownwardApi.Resolve(pod, fieldPath, podIp, hostIp);
                    if (value is null)
                    {
                        return (null, new WaitingState("CreateContainerConfigError",
                            $"env {name}: unsupported fieldRef.fieldPath \"{fieldPath}\""));
                    }
                }
                else
                {
                    var source = from.Select(p => p.Key).FirstOrDefault() ?? "valueFrom";
                    return (null, new WaitingState("CreateContainerConfigError",
                        $"env {name}: valueFrom.{source} is not available in the local cluster (it serves no ConfigMaps or Secrets); use value or fieldRef"));
                }
            }
            else
            {
                value = Expand(variable["value"]?.GetValue<string>() ?? "", defined);
            }

            podEnv[name] = value;
            defined[name] = value;
        }

        foreach (var (name, value) in podEnv)
        {
            env[name] = sandboxed ? value : Translate(value, mounts);
        }

        env["BIND_ADDRESS"] = podIp;

        // args follow the image's entrypoint, as they replace a Docker image's CMD, with $(VAR) expanded from the
        // container's env; command cannot replace the program a local image stands for, so it is not used.
        var arguments = image.Arguments
            .Concat((container["args"] as JsonArray ?? []).Select(a => Expand(a?.GetValue<string>() ?? "", defined)))
            .Select(a => sandboxed ? a : Translate(a, mounts))
            .ToList();
        if (!sandboxed)
        {
            if (mounts.FirstOrDefault(m => m.MountPath == ConfigurationEnvironment.DefaultServiceAccountDirectory) is { HostPath: { } serviceAccount })
            {
                env[ConfigurationEnvironment.ServiceAccountDirectoryVariable] = serviceAccount;
            }

            return (new ContainerLaunch(image.FileName, arguments, env, containerDirectory), null);
        }

        sandboxMounts.Add(new SandboxMount(Path.Combine(containerDirectory, "tmp"), "/tmp", ReadOnly: false));
        sandboxMounts.Add(new SandboxMount(Path.Combine(containerDirectory, "home"), SandboxHome, ReadOnly: false));
        sandboxMounts.Add(new SandboxMount(podSandbox!.HostsFile, "/etc/hosts", ReadOnly: true));
        var workingDir = container["workingDir"]?.GetValue<string>() is { Length: > 0 } dir ? dir : image.WorkingDirectory ?? "/";
        var readOnlyRoot = container["securityContext"]?["readOnlyRootFilesystem"]?.GetValue<bool>() == true;
        var sandbox = new SandboxSpec(env["HOSTNAME"], sandboxMounts, workingDir, readOnlyRoot, podSandbox.HostRoot);
        return (new ContainerLaunch(image.FileName, arguments, env, containerDirectory, sandbox), null);
    }

    /// <summary>HOME inside a sandbox: root's home, bound to the container's own directory.</summary>
    public const string SandboxHome = "/root";

    public static string ContainerName(JsonObject container) => container["name"]?.GetValue<string>() ?? "";

    /// <summary>Rewrites a value that is a path inside a mount to the host directory that plays the volume.</summary>
    public static string Translate(string value, IReadOnlyList<(string MountPath, string HostPath)> mountsLongestFirst)
    {
        foreach (var (mountPath, hostPath) in mountsLongestFirst)
        {
            if (mountPath.Length == 0)
            {
                // A volume mounted over "/" would swallow every path; such a value is left as it is.
                continue;
            }

            if (value == mountPath)
            {
                return hostPath;
            }

            if (value.StartsWith(mountPath + "/", StringComparison.Ordinal))
            {
                return Path.Combine(hostPath, value[(mountPath.Length + 1)..]);
            }
        }

        return value;
    }

    /// <summary>
    /// Kubernetes' $(VAR) expansion: a reference to a variable defined earlier is replaced, <c>$$</c> escapes a
    /// dollar, and a reference to an unknown variable stays as written.
    /// </summary>
    public static string Expand(string value, IReadOnlyDictionary<string, string> defined)
    {
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length)
            {
                result.Append(value[i]);
                continue;
            }

            if (value[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }

            var close = value[i + 1] == '(' ? value.IndexOf(')', i + 2) : -1;
            if (close < 0)
            {
                result.Append('$');
                continue;
            }

            var name = value[(i + 2)..close];
            result.Append(defined.TryGetValue(name, out var replacement) ? replacement : value[i..(close + 1)]);
            i = close;
        }

        return result.ToString();
    }
}
