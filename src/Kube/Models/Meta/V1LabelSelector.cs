namespace VisitCounter.Kube.Models;

/// <summary>metav1.LabelSelector: matchLabels and matchExpressions.</summary>
public sealed class V1LabelSelector
{
    public IDictionary<string, string>? MatchLabels { get; set; }
    public IList<V1LabelSelectorRequirement>? MatchExpressions { get; set; }
}

/// <summary>metav1.LabelSelectorRequirement: <c>key In/NotIn/Exists/DoesNotExist values</c>.</summary>
public sealed class V1LabelSelectorRequirement
{
    public string Key { get; set; } = string.Empty;
    public string Operator { get; set; } = "In";
    public IList<string>? Values { get; set; }
}
