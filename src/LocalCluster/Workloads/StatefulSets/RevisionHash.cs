using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>
/// Names controller revisions the way Kubernetes does: a <see cref="SafeHash"/> of the revision data and the
/// collision count. The result is <c>SETNAME-HASH</c>, the value of the pods' <c>controller-revision-hash</c> label.
/// </summary>
internal static class RevisionHash
{
    // The collision count is always part of the hash (0 when there was none), so that a status that starts
    // to report collisionCount: 0 does not rename every revision.
    public static string Hash(JsonNode revisionData, long collisionCount) =>
        SafeHash.Of([.. CanonicalJson.Serialize(revisionData), .. Encoding.ASCII.GetBytes(collisionCount.ToString(CultureInfo.InvariantCulture))]);

    public static string RevisionName(string setName, string hash) => setName + "-" + hash;
}
