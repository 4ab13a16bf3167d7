using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Volumes;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// Mounts a pod's volumes, locally: a persistentVolumeClaim is the directory of its bound claim, an emptyDir a
/// directory in the pod's own directory. As on a real node, a pod whose claim is missing or not bound yet waits in
/// ContainerCreating.
/// </summary>
internal static class PodVolumes
{
    public static (IReadOnlyDictionary<string, string>? Volumes, WaitingState? Waiting) Resolve(
        IObjectStore store, string dataDirectory, JsonObject pod, string podDirectory)
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
        }

        return (volumes, null);
    }
}
