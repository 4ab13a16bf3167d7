namespace VisitCounter.Crds.Schema;

/// <summary>Marks a property as required in its object's schema (OpenAPI <c>required</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
