namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>The kind-independent view of an informer that the factory needs to start it and report its sync state.</summary>
internal interface IRunnableInformer
{
    bool HasSynced { get; }

    Task WaitForCacheSyncAsync(CancellationToken cancellationToken);

    Task RunAsync(CancellationToken cancellationToken);
}
