using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>
/// Names controller revisions the way Kubernetes does: a 32-bit FNV-1a hash of the revision data (and the
/// collision count) printed in decimal and mapped onto the alphabet of
/// rand.SafeEncodeString, which avoids vowels so that a hash never spells a word. The result is
/// <c>SETNAME-HASH</c>, the value of the pods' <c>controller-revision-hash</c> label.
/// </summary>
internal static class RevisionHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Hash(JsonNode revisionData, long collisionCount)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        // The collision count is always part of the hash (0 when there was none), so that a status that starts
        // to report collisionCount: 0 does not rename every revision.
        byte[] bytes = [.. CanonicalJson.Serialize(revisionData), .. Encoding.ASCII.GetBytes(collisionCount.ToString(CultureInfo.InvariantCulture))];

        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= prime;
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            encoded.Append(SafeAlphabet[c % SafeAlphabet.Length]);
        }

        return encoded.ToString();
    }

    public static string RevisionName(string setName, string hash) => setName + "-" + hash;
}
