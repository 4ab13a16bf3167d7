using VisitCounter.Kube.Runtime.Informers;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>
/// The runtime's health as controller-runtime reports it: ready once every cache has synced (a non-leader replica is
/// ready too, so it can take over at once), live while the run loop has not crashed.
/// </summary>
public sealed class OperatorHealth(InformerFactory informers)
{
    /// <summary>Health-check tag of the readiness checks (map <c>/readyz</c> to it).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Health-check tag of the liveness checks (map <c>/healthz</c> to it).</summary>
    public const string LiveTag = "live";

    private volatile Task? run;
    private volatile Func<bool>? isLeader;

    /// <summary>True once the operator started and every informer completed its first list.</summary>
    public bool CachesSynced => run is not null && informers.HasSynced;

    /// <summary>Kinds still waiting for their first list.</summary>
    public IReadOnlyList<string> UnsyncedKinds => informers.UnsyncedKinds;

    /// <summary>False when the run loop ended with an error (the process should be restarted).</summary>
    public bool IsRunning => run is not { IsFaulted: true };

    /// <summary>The run loop's failure, if it crashed.</summary>
    public Exception? Failure => run?.Exception?.GetBaseException();

    /// <summary>True when this replica may reconcile: it leads, or leader election is off.</summary>
    public bool IsLeader => isLeader?.Invoke() ?? run is not null;

    internal void Started(Task runLoop, Func<bool>? leader)
    {
        isLeader = leader;
        run = runLoop;
    }
}
