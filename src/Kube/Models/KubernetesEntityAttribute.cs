namespace VisitCounter.Kube.Models;

/// <summary>
/// Names the REST resource a model maps to, so the client can derive URLs such as
/// <c>/apis/{Group}/{ApiVersion}/namespaces/{ns}/{PluralName}</c> without reflection over the API server.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class KubernetesEntityAttribute : Attribute
{
    /// <summary>API group; empty for the core group.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>Version within the group, e.g. <c>v1</c>.</summary>
    public string ApiVersion { get; set; } = "v1";

    /// <summary>Kind, e.g. <c>Pod</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Lower-case plural resource name used in URLs, e.g. <c>pods</c>.</summary>
    public string PluralName { get; set; } = string.Empty;

    /// <summary>Whether objects live in a namespace (true) or are cluster-scoped (false).</summary>
    public bool Namespaced { get; set; } = true;
}
