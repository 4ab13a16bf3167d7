using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Volumes;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// Mounts a pod's volumes, locally: a persistentVolumeClaim is the directory of its bound claim, an emptyDir a
/// directory in the pod's own directory, and a projected (configMap, secret) volume a directory in the pod's own
/// directory holding the files of its sources (<see cref="ProjectedVolume"/>), written afresh on every call so a
/// token is renewed. As on a real node, a pod whose claim, ConfigMap, Secret or service account is missing (or whose
/// claim is not bound yet) waits in ContainerCreating.
/// </summary>
internal static class PodVolumes
{
    public static (IReadOnlyDictionary<string, string>? Volumes, WaitingState? Waiting) Resolve(
        IObjectStore store, string dataDirectory, JsonObject pod, string podDirectory, VolumeSources? sources = null)
    {
        var volumes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in (pod["spec"]?["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = volume["name"]?.GetValue<string>() ?? "";
            if (volume["persistentVolumeClaim"]?["claimName"]?.GetValue<string>() is { } claimName)
            {
                var claim = store.Get(ResourceRef.PersistentVolumeClaims, pod.Namespace(), claimName);
                if (claim is null)
                {
                    return (null, new WaitingState("ContainerCreating", $"persistentvolumeclaim \"{claimName}\" not found"));
                }

                if (claim["status"]?["phase"]?.GetValue<string>() != "Bound")
                {
                    return (null, new WaitingState("ContainerCreating", $"pod has unbound immediate PersistentVolumeClaims (claim \"{claimName}\")"));
                }

                var directory = VolumePaths.ClaimDirectory(dataDirectory, pod.Namespace(), claimName);
                Directory.CreateDirectory(directory);
                volumes[name] = directory;
            }
            else if (volume["emptyDir"] is not null)
            {
                var directory = Path.Combine(podDirectory, "volumes", name);
                Directory.CreateDirectory(directory);
                volumes[name] = directory;
            }
            else if (sources is not null && ProjectedVolume.Sources(volume) is { } projected)
            {
                var (files, waiting) = ProjectedVolume.Render(pod, projected, sources);
                if (files is null)
                {
                    return (null, waiting);
                }

                var directory = Path.Combine(podDirectory, "volumes", name);
                if (WriteFiles(directory, files) is { } problem)
                {
                    return (null, problem);
                }

                volumes[name] = directory;
            }
        }

        return (volumes, null);
    }

    /// <summary>
    /// Writes each file atomically (temp file, fsync, rename), so a container reading its token never sees half
    /// of one; the directory is bound into the sandbox, so a renamed-in file is seen there at once.
    /// </summary>
    private static WaitingState? WriteFiles(string directory, IReadOnlyList<VolumeFile> files)
    {
        Directory.CreateDirectory(directory);
        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(directory, file.Path));
            if (Path.IsPathRooted(file.Path) || !path.StartsWith(root, StringComparison.Ordinal))
            {
                return new WaitingState("CreateContainerConfigError", $"volume file path \"{file.Path}\" must be relative and may not contain '..'");
            }

            AtomicFile.Write(path, file.Content);
        }

        return null;
    }
}
