using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;

namespace VisitCounter.Operator.Tests.Fakes;

/// <summary>
/// An informer cache that is always in sync with the fake API server (what an informer converges to). With
/// <paramref name="selector"/> it holds only the objects that match it, as a label-selected informer does.
/// </summary>
public sealed class FakeEntityCache<T>(FakeKubernetesClient client, string? selector = null) : IEntityCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>How many reads went to the cache (the controller's reads that cost the API server nothing).</summary>
    public int Reads { get; private set; }

    public bool HasSynced => true;

    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public T? Get(string name, string? @namespace = null)
    {
        Reads++;
        var found = client.Find<T>(name, @namespace);
        return found is null || selector is null || client.Query<T>(@namespace, selector).Items.Any(i => i.Metadata.Name == name) ? found : null;
    }

    public IReadOnlyList<T> List(string? @namespace = null, string? labelSelector = null)
    {
        Reads++;
        var visible = client.Query<T>(@namespace, selector).Items.Select(i => i.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        return [.. client.Query<T>(@namespace, labelSelector).Items.Where(i => visible.Contains(i.Metadata.Name))];
    }
}
