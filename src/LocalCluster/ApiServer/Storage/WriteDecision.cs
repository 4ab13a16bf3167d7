using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Storage;

/// <summary>
/// What a write decided after looking at the live object, computed inside the store's write lock so that
/// the check (resourceVersion, existence, finalizers) and the commit are one atomic step.
/// </summary>
internal abstract record WriteDecision
{
    private WriteDecision() { }

    /// <summary>Nothing changes (a no-op update): no new resourceVersion, no watch event.</summary>
    public sealed record Keep(JsonObject Current) : WriteDecision;

    /// <summary>Store this object (create or replace); the store assigns its resourceVersion.</summary>
    public sealed record Put(JsonObject Object, bool DryRun) : WriteDecision;

    /// <summary>Remove the object.</summary>
    public sealed record Remove(bool DryRun) : WriteDecision;
}

/// <summary>How a write ended.</summary>
internal enum WriteOutcome
{
    Unchanged,
    Created,
    Updated,
    Deleted,
}

/// <summary>The object after a write (for a delete: its last state) and what happened.</summary>
internal sealed record WriteResult(JsonObject Object, WriteOutcome Outcome);
