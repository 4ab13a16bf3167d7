namespace VisitCounter.Crds.Schema;

/// <summary>Inclusive lower bound of a numeric field (OpenAPI <c>minimum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeMinimumAttribute(double minimum) : Attribute
{
    /// <summary>The smallest accepted value.</summary>
    public double Minimum { get; } = minimum;
}
