using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.GarbageCollection;

/// <summary>
/// The rules of Kubernetes' garbage collector (pkg/controller/garbagecollector) over one snapshot of the object
/// graph, as described in "Garbage Collection" of the Kubernetes docs:
/// <list type="bullet">
/// <item>a dependent whose owners are all absent is deleted (background cascading deletion);</item>
/// <item>an owner deleted with propagationPolicy Orphan carries the <c>orphan</c> finalizer: its dependents lose the
/// reference to it, then the finalizer goes and the owner with it;</item>
/// <item>an owner deleted with propagationPolicy Foreground carries <c>foregroundDeletion</c>: its dependents are
/// deleted first, and the finalizer goes once no dependent with blockOwnerDeletion remains;</item>
/// <item>a dependent with an owner still alive keeps living and only loses its dangling references.</item>
/// </list>
/// Pure: a snapshot in, the writes out.
/// </summary>
internal static class GarbageCollectionPlanner
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    private enum OwnerState
    {
        Alive,
        Absent,
        Orphaning,
        DeletingForeground,
    }

    public static IReadOnlyList<GarbageCollectionAction> Plan(IReadOnlyList<GraphObject> snapshot)
    {
        var byUid = new Dictionary<string, GraphObject>(StringComparer.Ordinal);
        foreach (var node in snapshot)
        {
            if (node.Uid.Length > 0)
            {
                byUid.TryAdd(node.Uid, node);
            }
        }

        var actions = new List<GarbageCollectionAction>();
        foreach (var dependent in snapshot)
        {
            var references = dependent.Object.OwnerReferences();
            if (references.Count > 0)
            {
                PlanDependent(dependent, references, byUid, actions);
            }
        }

        foreach (var owner in snapshot.Where(o => o.Object.IsTerminating()))
        {
            PlanOwnerFinalizers(owner, snapshot, actions);
        }

        return actions;
    }

    private static void PlanDependent(
        GraphObject dependent, IReadOnlyList<OwnerReference> references, Dictionary<string, GraphObject> byUid, List<GarbageCollectionAction> actions)
    {
        var states = references.Select(r => (Reference: r, State: StateOf(r, dependent, byUid))).ToList();
        var solid = states.Any(s => s.State == OwnerState.Alive);

        // Orphaning owners always let go; while a live owner remains, references to owners that are gone or going
        // are dropped too (Kubernetes calls them dangling and waitingForDependentsDeletion references).
        var release = states
            .Where(s => s.State == OwnerState.Orphaning
                        || (solid && s.State is OwnerState.Absent or OwnerState.DeletingForeground))
            .Select(s => s.Reference.Uid)
            .ToHashSet(StringComparer.Ordinal);
        if (release.Count > 0)
        {
            actions.Add(new RemoveOwnerReferences(dependent, release));
        }

        var deleting = states.Where(s => s.State is OwnerState.Absent or OwnerState.DeletingForeground).ToList();
        if (solid || deleting.Count == 0 || dependent.Object.IsTerminating())
        {
            return;
        }

        var foreground = deleting.Any(s => s.State == OwnerState.DeletingForeground);
        var ownersGone = deleting.All(s => s.State == OwnerState.Absent);
        actions.Add(new DeleteDependent(dependent, foreground ? Propagation.Foreground : Propagation.Background, ownersGone));
    }

    private static void PlanOwnerFinalizers(GraphObject owner, IReadOnlyList<GraphObject> snapshot, List<GarbageCollectionAction> actions)
    {
        var finalizers = owner.Object.Finalizers();
        var dependents = snapshot.Where(d => d.Object.OwnerReferences().Any(r => r.Uid == owner.Uid)).ToList();

        if (finalizers.Contains(OrphanFinalizer) && dependents.Count == 0)
        {
            actions.Add(new RemoveFinalizer(owner, OrphanFinalizer));
        }

        if (finalizers.Contains(ForegroundFinalizer) && !finalizers.Contains(OrphanFinalizer)
            && !dependents.Any(d => d.Object.OwnerReferences().Any(r => r.Uid == owner.Uid && r.BlockOwnerDeletion)))
        {
            actions.Add(new RemoveFinalizer(owner, ForegroundFinalizer));
        }
    }

    private static OwnerState StateOf(OwnerReference reference, GraphObject dependent, Dictionary<string, GraphObject> byUid)
    {
        if (!byUid.TryGetValue(reference.Uid, out var owner)
            || owner.Name != reference.Name
            || (owner.Namespace.Length > 0 && owner.Namespace != dependent.Namespace))
        {
            // A namespaced owner in another namespace cannot own this object: Kubernetes treats it as absent.
            return OwnerState.Absent;
        }

        if (!owner.Object.IsTerminating())
        {
            return OwnerState.Alive;
        }

        var finalizers = owner.Object.Finalizers();
        if (finalizers.Contains(OrphanFinalizer))
        {
            return OwnerState.Orphaning;
        }

        return finalizers.Contains(ForegroundFinalizer) ? OwnerState.DeletingForeground : OwnerState.Alive;
    }
}
