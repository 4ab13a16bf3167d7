using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.StatefulSets;

/// <summary>
/// Keeps the apps/v1 ControllerRevision objects of the local StatefulSets. The local API server does not serve
/// the controllerrevisions resource, so the history is kept beside it, one JSON file per revision under
/// DATA/workloads/controllerrevisions/NAMESPACE/, written atomically. Like real revisions, they outlive a
/// StatefulSet deleted with orphan propagation, and the set created again in its place adopts them.
/// </summary>
internal sealed class ControllerRevisionStore(string directory)
{
    public IReadOnlyList<JsonObject> List(string ns, string setName)
    {
        var folder = Path.Combine(directory, ns);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var revisions = new List<JsonObject>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject revision
                    && revision.OwnerReferences().Any(r => r.Kind == "StatefulSet" && r.Name == setName))
                {
                    revisions.Add(revision);
                }
            }
            catch (JsonException)
            {
                // A revision file that cannot be read is no revision; the controller writes a fresh one if needed.
            }
        }

        return revisions;
    }

    public void Save(JsonObject revision) =>
        AtomicFile.Write(PathOf(revision.Namespace(), revision.Name()), revision.ToJsonString());

    public void Delete(string ns, string name) => File.Delete(PathOf(ns, name));

    private string PathOf(string ns, string name) => Path.Combine(directory, ns, name + ".json");
}
