using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>
/// The <c>pod-template-hash</c> label a Deployment puts on its ReplicaSets and their pods: an FNV-32a hash of the pod
/// template (canonical JSON here; the real controller hashes Go's printing of the struct) as a <see cref="SafeHash"/>,
/// so names look like <c>web-5d4f8b7c9</c>.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";

    public static string Of(JsonNode? template) => SafeHash.Of(CanonicalJson.Serialize(template));
}
