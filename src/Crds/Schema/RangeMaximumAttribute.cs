namespace VisitCounter.Crds.Schema;

/// <summary>Inclusive upper bound of a numeric field (OpenAPI <c>maximum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeMaximumAttribute(double maximum) : Attribute
{
    /// <summary>The largest accepted value.</summary>
    public double Maximum { get; } = maximum;
}
