namespace VisitCounter.Crds.Schema;

/// <summary>
/// The closed set of strings a field (or, on a list, each item) accepts (OpenAPI <c>enum</c>).
/// The C# property stays a string so that an unknown value still deserializes and can be reported
/// with a helpful message instead of failing the whole object.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumValuesAttribute(params string[] values) : Attribute
{
    /// <summary>The accepted values, in the order they are documented.</summary>
    public IReadOnlyList<string> Values { get; } = values;
}
