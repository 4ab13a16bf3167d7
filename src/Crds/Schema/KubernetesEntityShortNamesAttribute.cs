namespace VisitCounter.Crds.Schema;

/// <summary>Short names accepted by kubectl for the resource, e.g. <c>vca</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KubernetesEntityShortNamesAttribute(params string[] shortNames) : Attribute
{
    /// <summary>The lowercase short names.</summary>
    public IReadOnlyList<string> ShortNames { get; } = shortNames;
}
