using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// The outcome of a server-side apply: the merged object (with <c>managedFields</c> updated), or,
/// when another manager owns a field the apply would change and <c>force</c> was not given, the conflicts
/// (and a null object).
/// </summary>
/// <param name="Object">The object to store, or null when there are conflicts.</param>
/// <param name="Conflicts">The conflicts; empty on success.</param>
public sealed record ApplyResult(JsonObject? Object, IReadOnlyList<ApplyConflict> Conflicts)
{
    /// <summary>True when the apply succeeded.</summary>
    public bool Succeeded => Conflicts.Count == 0 && Object is not null;
}
