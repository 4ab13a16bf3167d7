namespace VisitCounter.Crds.Schema;

/// <summary>
/// The value the API server fills in when the field is absent (OpenAPI <c>default</c>).
/// A string is emitted as a string unless <see cref="IsJson"/> is set, in which case it is parsed as a JSON literal
/// (used for objects and lists, which attribute arguments cannot express directly).
/// On the spec or status class of an entity it is the default of the root's <c>spec</c> or <c>status</c> field.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class DefaultValueAttribute : Attribute
{
    /// <summary>Creates a default of a scalar value (string, int, long, double or bool).</summary>
    public DefaultValueAttribute(object value) => Value = value;

    /// <summary>The default value as written in the attribute.</summary>
    public object Value { get; }

    /// <summary>When true, <see cref="Value"/> is a JSON text (e.g. <c>{}</c>) rather than a string literal.</summary>
    public bool IsJson { get; init; }
}
