namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>
/// What a request asks to do, as the authorizer sees it (k8s.io/apiserver <c>authorizer.Attributes</c>): a verb on a
/// resource (with group, subresource, namespace and name) or a verb on a non-resource path such as <c>/healthz</c>.
/// </summary>
public sealed record RequestAttributes
{
    /// <summary>The verb: get, list, watch, create, update, patch, delete, deletecollection, impersonate, ... or the lower-case HTTP method for paths.</summary>
    public required string Verb { get; init; }
    /// <summary>True for requests under /api and /apis that name a resource.</summary>
    public bool IsResourceRequest { get; init; }
    /// <summary>The request path (non-resource requests).</summary>
    public string Path { get; init; } = "";
    /// <summary>The API group ("" for core).</summary>
    public string ApiGroup { get; init; } = "";
    /// <summary>The API version.</summary>
    public string ApiVersion { get; init; } = "";
    /// <summary>The resource, e.g. <c>pods</c>.</summary>
    public string Resource { get; init; } = "";
    /// <summary>The subresource, e.g. <c>log</c>.</summary>
    public string Subresource { get; init; } = "";
    /// <summary>The namespace, empty for cluster-scoped requests.</summary>
    public string Namespace { get; init; } = "";
    /// <summary>The object name, empty for collections.</summary>
    public string Name { get; init; } = "";

    /// <summary>Parses a request as kube-apiserver's RequestInfoFactory does.</summary>
    public static RequestAttributes FromRequest(string method, string path, bool watchQuery)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var verb = method.ToLowerInvariant();
        int rest;
        string group;
        string version;
        switch (parts)
        {
            case ["api", var v, ..] when parts.Length >= 3:
                (group, version, rest) = ("", v, 2);
                break;
            case ["apis", var g, var v, ..] when parts.Length >= 4:
                (group, version, rest) = (g, v, 3);
                break;
            default:
                return new RequestAttributes { Verb = verb, Path = "/" + string.Join('/', parts) };
        }

        var current = parts[rest..];
        var legacyWatch = current is ["watch", ..];
        if (legacyWatch) current = current[1..];
        var ns = "";
        if (current is ["namespaces", var namespaceName, ..])
        {
            ns = namespaceName;
            if (current.Length > 2) current = current[2..];
        }

        var resource = current.Length > 0 ? current[0] : "";
        var name = current.Length > 1 ? current[1] : "";
        var subresource = current.Length > 2 ? current[2] : "";
        var resourceVerb = method switch
        {
            "POST" => "create",
            "GET" or "HEAD" when legacyWatch || watchQuery => "watch",
            "GET" or "HEAD" => name.Length == 0 ? "list" : "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name.Length == 0 ? "deletecollection" : "delete",
            _ => verb,
        };
        return new RequestAttributes
        {
            Verb = resourceVerb,
            IsResourceRequest = true,
            Path = "/" + string.Join('/', parts),
            ApiGroup = group,
            ApiVersion = version,
            Resource = resource,
            Subresource = subresource,
            Namespace = ns,
            Name = name,
        };
    }
}
