namespace VisitCounter.Operator.Drift;

/// <summary>A field we set that the live object does not match.</summary>
/// <param name="Path">Where, e.g. <c>spec.template.spec.containers[name=counter].image</c> (list items by merge key).</param>
/// <param name="Missing">True when the live object lacks the field entirely, false when it holds another value.</param>
public sealed record FieldDifference(string Path, bool Missing);
