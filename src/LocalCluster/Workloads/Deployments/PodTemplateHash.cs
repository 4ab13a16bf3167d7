using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>
/// The <c>pod-template-hash</c> label a Deployment puts on its ReplicaSets and their pods: an FNV-32a hash of the pod
/// template (canonical JSON here; the real controller hashes Go's printing of the struct) written with
/// <c>rand.SafeEncodeString</c>'s alphabet, so names look like <c>web-5d4f8b7c9</c>.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(JsonNode? template)
    {
        var hash = 2166136261u;
        foreach (var b in CanonicalJson.Serialize(template))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(d => SafeAlphabet[(d - '0') % SafeAlphabet.Length]));
    }
}
