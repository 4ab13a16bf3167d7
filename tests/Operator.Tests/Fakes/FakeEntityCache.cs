using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;

namespace VisitCounter.Operator.Tests.Fakes;

/// <summary>An informer cache that is always in sync with the fake API server (what an informer converges to).</summary>
public sealed class FakeEntityCache<T>(FakeKubernetesClient client) : IEntityCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>How many reads went to the cache (the controller's reads that cost the API server nothing).</summary>
    public int Reads { get; private set; }

    public bool HasSynced => true;

    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public T? Get(string name, string? @namespace = null)
    {
        Reads++;
        return client.Find<T>(name, @namespace);
    }

    public IReadOnlyList<T> List(string? @namespace = null, string? labelSelector = null)
    {
        Reads++;
        return [.. client.Query<T>(@namespace, labelSelector).Items];
    }
}
