namespace VisitCounter.Crds.Schema;

/// <summary>Bounds on the length of a string field (OpenAPI <c>minLength</c>/<c>maxLength</c>); a negative value means unbounded.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute : Attribute
{
    /// <summary>Minimum number of characters, or -1.</summary>
    public long MinLength { get; init; } = -1;

    /// <summary>Maximum number of characters, or -1.</summary>
    public long MaxLength { get; init; } = -1;
}
