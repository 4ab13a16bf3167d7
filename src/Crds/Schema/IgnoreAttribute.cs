namespace VisitCounter.Crds.Schema;

/// <summary>Leaves a property out of the generated schema.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IgnoreAttribute : Attribute;
