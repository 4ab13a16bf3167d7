namespace VisitCounter.Crds.Schema;

/// <summary>A regular expression a string field must match (OpenAPI <c>pattern</c>, ECMA-262 dialect).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex) : Attribute
{
    /// <summary>The regular expression.</summary>
    public string Regex { get; } = regex;
}
