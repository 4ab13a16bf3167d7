using System.Collections.Concurrent;
using VisitCounter.Kube.Selectors;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime;
using VisitCounter.Kube.Runtime.Informers;

namespace VisitCounter.Kube.Tests.Runtime.Support;

/// <summary>An informer whose content the test sets directly; handlers are notified like the real one.</summary>
public sealed class InMemoryInformer<T> : IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ObjectKey, T> items = new();
    private readonly List<IInformerEventHandler<T>> handlers = [];

    public bool HasSynced => true;

    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public T? Get(string name, string? @namespace = null) => items.TryGetValue(new ObjectKey(@namespace, name), out var item) ? item : null;

    public IReadOnlyList<T> List(string? @namespace = null, string? labelSelector = null) =>
        [.. items.Values.Where(i => @namespace is null || i.Metadata.Namespace == @namespace).Where(i => LabelSelector.Parse(labelSelector).Matches(i.Metadata.Labels))];

    public void AddEventHandler(IInformerEventHandler<T> handler)
    {
        lock (handlers)
        {
            handlers.Add(handler);
        }

        foreach (var item in items.Values)
        {
            handler.OnAdd(item);
        }
    }

    public void Set(T entity)
    {
        var key = new ObjectKey(entity.Metadata.Namespace, entity.Metadata.Name!);
        var old = items.TryGetValue(key, out var existing) ? existing : null;
        items[key] = entity;
        foreach (var handler in Snapshot())
        {
            if (old is null)
            {
                handler.OnAdd(entity);
            }
            else
            {
                handler.OnUpdate(old, entity);
            }
        }
    }

    public void Delete(string name, string? @namespace)
    {
        if (items.TryRemove(new ObjectKey(@namespace, name), out var removed))
        {
            foreach (var handler in Snapshot())
            {
                handler.OnDelete(removed);
            }
        }
    }

    private IInformerEventHandler<T>[] Snapshot()
    {
        lock (handlers)
        {
            return [.. handlers];
        }
    }
}
