using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Workloads.Runtime;

/// <summary>
/// Brings one object of a controller's own kind to its desired state, as a controller-runtime reconciler does: it gets
/// the object as the store has it now (present and not being deleted), reads the rest of the world from the store,
/// acts, and returns when to look again without a change (null: only on the next change). A failure is thrown;
/// <see cref="ControllerLoop"/> decides when the key comes back.
/// </summary>
internal delegate Task<TimeSpan?> Reconciler(JsonObject current, CancellationToken cancellationToken);
