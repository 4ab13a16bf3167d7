namespace VisitCounter.Crds.Schema;

/// <summary>
/// Declares a field that accepts an integer or a string (<c>x-kubernetes-int-or-string: true</c>).
/// Properties typed <c>IntOrString</c> get this automatically; use the attribute on other types.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IntOrStringAttribute : Attribute;
