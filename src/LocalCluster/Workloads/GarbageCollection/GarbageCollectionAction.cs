namespace VisitCounter.LocalCluster.Workloads.GarbageCollection;

/// <summary>How a dependent is deleted: its own dependents go in the background, or first (foreground).</summary>
internal enum Propagation
{
    Background,
    Foreground,
}

/// <summary>One write the garbage collector makes.</summary>
internal abstract record GarbageCollectionAction(GraphObject Target);

/// <summary>Delete a dependent whose owners are all gone (or all being deleted in the foreground).</summary>
/// <param name="Target">The dependent.</param>
/// <param name="Propagation">The propagation policy of this delete.</param>
/// <param name="OwnersGone">True when the reason is absent owners, which the collector re-checks before acting.</param>
internal sealed record DeleteDependent(GraphObject Target, Propagation Propagation, bool OwnersGone) : GarbageCollectionAction(Target);

/// <summary>Drop references to owners that are gone or that orphan their dependents.</summary>
internal sealed record RemoveOwnerReferences(GraphObject Target, IReadOnlySet<string> OwnerUids) : GarbageCollectionAction(Target);

/// <summary>Remove the orphan or foregroundDeletion finalizer once its work is done, which lets the owner go.</summary>
internal sealed record RemoveFinalizer(GraphObject Target, string Finalizer) : GarbageCollectionAction(Target);
