namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// A bounded map that forgets the least recently used entry when full (client-go's <c>k8s.io/utils/lru</c>), so
/// the correlator's memory stays flat however many objects an operator writes events about. Not thread-safe.
/// </summary>
internal sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> index = [];
    private readonly LinkedList<(TKey Key, TValue Value)> recency = new();

    /// <summary>The number of entries.</summary>
    public int Count => index.Count;

    /// <summary>Looks <paramref name="key"/> up and marks it as just used.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        if (!index.TryGetValue(key, out var node))
        {
            value = default!;
            return false;
        }

        recency.Remove(node);
        recency.AddFirst(node);
        value = node.Value.Value;
        return true;
    }

    /// <summary>Adds or replaces <paramref name="key"/>; evicts the least recently used entries beyond the capacity.</summary>
    public void Set(TKey key, TValue value)
    {
        Remove(key);
        index[key] = recency.AddFirst((key, value));
        while (index.Count > capacity && recency.Last is { } oldest)
        {
            index.Remove(oldest.Value.Key);
            recency.RemoveLast();
        }
    }

    /// <summary>Forgets <paramref name="key"/>.</summary>
    public void Remove(TKey key)
    {
        if (index.Remove(key, out var node))
        {
            recency.Remove(node);
        }
    }
}
