using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Status;

/// <summary>Everything the status of one VisitCounterApp is computed from, gathered by the controller.</summary>
public sealed record StatusInputs
{
    /// <summary>The live StatefulSet, or null when it does not exist (yet).</summary>
    public V1StatefulSet? StatefulSet { get; init; }

    /// <summary>The pods of the app (selected by its labels).</summary>
    public IReadOnlyList<V1Pod> Pods { get; init; } = [];

    /// <summary>The visits of each pod that answered, by pod name; pods missing here did not answer.</summary>
    public IReadOnlyDictionary<string, long> Visits { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Why the app is degraded (invalid spec, refused storage change, a child that cannot be written), if it is.</summary>
    public Problem? Degraded { get; init; }

    /// <summary>Whether a storage growth is in flight (the StatefulSet is being re-created).</summary>
    public bool StorageResizePending { get; init; }

    /// <summary>Fields of the children the API server did not keep, for the current spec.</summary>
    public IReadOnlyList<DroppedFieldStatus> DroppedFields { get; init; } = [];

    /// <summary>The pod a rolling update is stuck on, when the operator is not deleting it (recovery off or already tried).</summary>
    public Recovery.StuckPod? StuckRollout { get; init; }
}
