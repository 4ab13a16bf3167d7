namespace VisitCounter.Crds.Schema;

/// <summary>Serves the <c>/status</c> subresource: the main endpoint ignores status changes and vice versa.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StatusSubresourceAttribute : Attribute;
