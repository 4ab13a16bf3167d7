namespace VisitCounter.Crds.Schema;

/// <summary>
/// The merge topology of a list (<c>x-kubernetes-list-type</c>): <c>atomic</c>, <c>set</c> or <c>map</c>.
/// For <c>map</c>, <see cref="MapKeys"/> name the item fields that identify an item; they become required in the item schema.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(string listType, params string[] mapKeys) : Attribute
{
    /// <summary>atomic, set or map.</summary>
    public string ListType { get; } = listType;

    /// <summary>Key fields for a <c>map</c> list.</summary>
    public IReadOnlyList<string> MapKeys { get; } = mapKeys;
}
