namespace VisitCounter.Crds.Schema;

/// <summary>Keeps fields the schema does not describe (<c>x-kubernetes-preserve-unknown-fields: true</c>). Use sparingly.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
