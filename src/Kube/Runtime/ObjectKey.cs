namespace VisitCounter.Kube.Runtime;

/// <summary>
/// The identity of an object inside one kind: <c>namespace/name</c> (or just <c>name</c> for cluster-scoped kinds).
/// Work queues and informer stores are keyed by it, as controller-runtime's <c>reconcile.Request</c> is.
/// </summary>
public readonly record struct ObjectKey
{
    /// <summary>Creates a key; an empty namespace is treated as cluster-scoped.</summary>
    public ObjectKey(string? @namespace, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        Name = name;
    }

    /// <summary>The namespace, or null for cluster-scoped objects.</summary>
    public string? Namespace { get; }

    /// <summary>The object name.</summary>
    public string Name { get; }

    /// <summary>Parses <c>namespace/name</c> or <c>name</c>.</summary>
    public static ObjectKey Parse(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ObjectKey(null, key) : new ObjectKey(key[..slash], key[(slash + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
