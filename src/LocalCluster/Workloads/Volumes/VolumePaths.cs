namespace VisitCounter.LocalCluster.Workloads.Volumes;

/// <summary>Where local "persistent volumes" and pod scratch space live under the cluster's data directory.</summary>
internal static class VolumePaths
{
    /// <summary>The directory that plays the volume bound to a claim: DATA/volumes/NAMESPACE/CLAIM.</summary>
    public static string ClaimDirectory(string dataDirectory, string ns, string claim) =>
        Path.Combine(dataDirectory, "volumes", ns, claim);

    /// <summary>A pod's private directory (emptyDir volumes, container homes, logs): DATA/pods/NAMESPACE_NAME_UID.</summary>
    public static string PodDirectory(string dataDirectory, string ns, string name, string uid) =>
        Path.Combine(dataDirectory, "pods", $"{ns}_{name}_{uid}");
}
