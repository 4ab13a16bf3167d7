using VisitCounter.Kube.Selectors;
using System.Collections.Concurrent;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>
/// The thread-safe map behind an informer, keyed by namespace/name. Reads are lock-free; the single writer
/// (the informer loop) reports what changed so handlers can be told.
/// </summary>
internal sealed class InformerStore<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ObjectKey, TEntity> items = new();

    public int Count => items.Count;

    public static ObjectKey KeyOf(TEntity entity)
    {
        var name = entity.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidOperationException($"A {entity.Kind} without metadata.name cannot be cached.");
        }

        return new ObjectKey(entity.Metadata!.Namespace, name);
    }

    public TEntity? Get(ObjectKey key) => items.TryGetValue(key, out var entity) ? entity : null;

    public IReadOnlyList<TEntity> List(string? @namespace, LabelSelector selector)
    {
        var ns = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        return
        [
            .. items
                .Where(pair => (ns is null || string.Equals(pair.Key.Namespace, ns, StringComparison.Ordinal)) && selector.Matches(pair.Value.Metadata.Labels))
                .OrderBy(pair => pair.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(pair => pair.Key.Name, StringComparer.Ordinal)
                .Select(pair => pair.Value),
        ];
    }

    /// <summary>Inserts or replaces; returns the previous state, if any.</summary>
    public TEntity? Upsert(TEntity entity)
    {
        var key = KeyOf(entity);
        TEntity? previous = null;
        items.AddOrUpdate(key, entity, (_, old) =>
        {
            previous = old;
            return entity;
        });
        return previous;
    }

    /// <summary>Removes; returns the removed state, if any.</summary>
    public TEntity? Remove(ObjectKey key) => items.TryRemove(key, out var removed) ? removed : null;

    /// <summary>
    /// Replaces the whole content with a fresh list and returns what changed, so a relist after a gap (410 Gone,
    /// long disconnection) still tells handlers about objects deleted or changed while nobody was watching.
    /// </summary>
    public IReadOnlyList<StoreChange<TEntity>> Replace(IEnumerable<TEntity> fresh)
    {
        var freshByKey = new Dictionary<ObjectKey, TEntity>();
        foreach (var entity in fresh)
        {
            freshByKey[KeyOf(entity)] = entity;
        }

        var changes = new List<StoreChange<TEntity>>();
        foreach (var (key, old) in items)
        {
            if (!freshByKey.ContainsKey(key) && items.TryRemove(key, out _))
            {
                changes.Add(new StoreChange<TEntity>(old, null));
            }
        }

        foreach (var (key, entity) in freshByKey)
        {
            var old = Get(key);
            items[key] = entity;
            if (old is null || !string.Equals(old.Metadata.ResourceVersion, entity.Metadata.ResourceVersion, StringComparison.Ordinal))
            {
                changes.Add(new StoreChange<TEntity>(old, entity));
            }
        }

        return changes;
    }
}

/// <summary>One change of the store: added (Old null), updated (both set) or deleted (New null).</summary>
internal readonly record struct StoreChange<TEntity>(TEntity? Old, TEntity? New)
    where TEntity : class;
