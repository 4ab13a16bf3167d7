namespace VisitCounter.Crds.Schema;

/// <summary>Resource categories the kind belongs to, e.g. <c>all</c> so that <c>kubectl get all</c> lists it.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KubernetesEntityCategoriesAttribute(params string[] categories) : Attribute
{
    /// <summary>The lowercase categories.</summary>
    public IReadOnlyList<string> Categories { get; } = categories;
}
