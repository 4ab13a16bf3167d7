namespace VisitCounter.Crds.Schema;

/// <summary>
/// Overrides the schema description of a property or type. Without it the description is the
/// <c>&lt;summary&gt;</c> of the member's XML documentation.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class DescriptionAttribute(string description) : Attribute
{
    /// <summary>The description text.</summary>
    public string Description { get; } = description;
}
