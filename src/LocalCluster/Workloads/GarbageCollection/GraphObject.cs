using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.GarbageCollection;

/// <summary>
/// One object of the ownership graph: the JSON as stored plus the opaque key the collector hands back to the store
/// to act on it (the store's resource identity, e.g. "apps/v1/statefulsets").
/// </summary>
internal sealed record GraphObject(string Resource, JsonObject Object)
{
    public string Uid => Object.Uid();

    public string Namespace => Object.Namespace();

    public string Name => Object.Name();

    public override string ToString() => $"{Resource} {ObjectMeta.Key(Namespace, Name)}";
}
