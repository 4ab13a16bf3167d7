using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>
/// Names controller revisions the way Kubernetes does: a 32-bit FNV-1a hash of the revision data (and the
/// collision count, when there was a collision) printed in decimal and mapped onto the alphabet of
/// rand.SafeEncodeString, which avoids vowels so that a hash never spells a word. The result is
/// <c>SETNAME-HASH</c>, the value of the pods' <c>controller-revision-hash</c> label.
/// </summary>
internal static class RevisionHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Hash(JsonNode revisionData, long? collisionCount)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        var bytes = CanonicalJson.Serialize(revisionData);
        if (collisionCount is { } collisions)
        {
            bytes = [.. bytes, .. Encoding.ASCII.GetBytes(collisions.ToString(CultureInfo.InvariantCulture))];
        }

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
