namespace VisitCounter.Operator.Children;

/// <summary>
/// The recommended <c>app.kubernetes.io/*</c> labels every child carries. The selector uses only name and instance,
/// because a StatefulSet's selector is immutable and must never depend on anything that could change.
/// </summary>
public static class AppLabels
{
    /// <summary>Label key of the application name.</summary>
    public const string NameKey = "app.kubernetes.io/name";

    /// <summary>Label key of the VisitCounterApp instance.</summary>
    public const string InstanceKey = "app.kubernetes.io/instance";

    /// <summary>Label key of the tool that manages the object.</summary>
    public const string ManagedByKey = "app.kubernetes.io/managed-by";

    /// <summary>Value of <see cref="NameKey"/>.</summary>
    public const string AppName = "visit-counter";

    /// <summary>Value of <see cref="ManagedByKey"/>.</summary>
    public const string ManagedBy = "visitcounter-operator";

    /// <summary>What the operator's informer caches hold: objects it manages (children, and the pods and claims their templates label).</summary>
    public const string CacheSelector = ManagedByKey + "=" + ManagedBy + "," + NameKey + "=" + AppName;

    /// <summary>The labels that select the pods of the VisitCounterApp <paramref name="instance"/>.</summary>
    public static Dictionary<string, string> Selector(string instance) => new(StringComparer.Ordinal)
    {
        [NameKey] = AppName,
        [InstanceKey] = instance,
    };

    /// <summary>All labels a child of <paramref name="instance"/> carries.</summary>
    public static Dictionary<string, string> ForChild(string instance) => new(Selector(instance), StringComparer.Ordinal)
    {
        [ManagedByKey] = ManagedBy,
    };

    /// <summary>The selector as a label-selector string, e.g. for <c>status.selector</c> and list calls.</summary>
    public static string SelectorString(string instance) => $"{NameKey}={AppName},{InstanceKey}={instance}";
}
