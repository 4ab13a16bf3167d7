using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// A request path that addresses a resource: <c>/api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE[/REST...]]]</c>
/// or the same under <c>/apis/GROUP/VERSION</c>. Parsed like apiserver's RequestInfoFactory: after
/// <c>namespaces/NS</c> a further segment is a resource unless it is a namespace subresource (status, finalize).
/// </summary>
internal sealed record ResourcePath(ResourceRef Resource, string? Namespace, string? Name, string? Subresource, string Rest)
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>Parses the segments after the group-version prefix; null when they name no resource.</summary>
    public static ResourcePath? Parse(string group, string version, string[] parts)
    {
        if (parts.Length == 0) return null;
        string? ns = null;
        if (parts[0] == "namespaces" && parts.Length > 2 && !NamespaceSubresources.Contains(parts[2]))
        {
            ns = parts[1];
            parts = parts[2..];
        }
        var resource = new ResourceRef(group, version, parts[0]);
        var name = parts.Length > 1 ? parts[1] : null;
        var subresource = parts.Length > 2 ? parts[2] : null;
        var rest = parts.Length > 3 ? string.Join('/', parts[3..]) : "";
        return new ResourcePath(resource, ns, name, subresource, rest);
    }
}
