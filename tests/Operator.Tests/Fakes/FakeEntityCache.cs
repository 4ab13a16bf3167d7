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
    private readonly Dictionary<(string? Namespace, string Name), T?> lagging = [];

    /// <summary>How many reads went to the cache (the controller's reads that cost the API server nothing).</summary>
    public int Reads { get; private set; }

    /// <summary>
    /// Plays a late watch event: <see cref="Get"/> keeps answering the object as it is now, whatever is written to it
    /// later, until <see cref="CatchUp"/>.
    /// </summary>
    public void Lag(string name, string? @namespace) => lagging[(@namespace, name)] = client.Find<T>(name, @namespace);

    /// <summary>Delivers the late events: the cache answers the stored state again.</summary>
    public void CatchUp() => lagging.Clear();

    public bool HasSynced => true;

    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public T? Get(string name, string? @namespace = null)
    {
        Reads++;
        if (lagging.TryGetValue((@namespace, name), out var late))
        {
            return late;
        }

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
