namespace VisitCounter.LocalCluster.ApiServer.Storage;

/// <summary>Identifies an object within one resource; <see cref="Namespace"/> is empty for cluster-scoped objects.
/// Ordered by namespace then name, the order lists are served in (as etcd's key order gives the real server).</summary>
public readonly record struct ObjectKey(string Namespace, string Name) : IComparable<ObjectKey>
{
    /// <inheritdoc />
    public int CompareTo(ObjectKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>Orders keys.</summary>
    public static bool operator <(ObjectKey left, ObjectKey right) => left.CompareTo(right) < 0;
    /// <summary>Orders keys.</summary>
    public static bool operator >(ObjectKey left, ObjectKey right) => left.CompareTo(right) > 0;
    /// <summary>Orders keys.</summary>
    public static bool operator <=(ObjectKey left, ObjectKey right) => left.CompareTo(right) <= 0;
    /// <summary>Orders keys.</summary>
    public static bool operator >=(ObjectKey left, ObjectKey right) => left.CompareTo(right) >= 0;
}
