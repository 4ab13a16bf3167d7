namespace VisitCounter.LocalCluster.ApiServer.Metrics;

/// <summary>
/// How kube-apiserver labels one request in <c>apiserver_request_total</c> (apiserver's RequestInfoFactory plus
/// <c>endpoints/metrics</c>: <c>CleanScope</c>, <c>CanonicalVerb</c>, <c>CleanVerb</c>, <c>cleanDryRun</c>), so that
/// queries written against a real cluster's metrics read ours unchanged.
/// </summary>
/// <param name="Verb">GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE or CONNECT (upper case, as the real server reports).</param>
/// <param name="DryRun">"All" for <c>dryRun=All</c>, "" without it, "invalid" for other values.</param>
/// <param name="Group">API group ("" for core and for non-resource paths).</param>
/// <param name="Version">API version ("" for non-resource paths).</param>
/// <param name="Resource">Resource, e.g. <c>statefulsets</c> ("" for non-resource paths).</param>
/// <param name="Subresource">Subresource (<c>status</c>, <c>scale</c>, <c>log</c>, <c>proxy</c>); for non-resource paths the path itself.</param>
/// <param name="Scope"><c>resource</c> (named object or create), <c>namespace</c>, <c>cluster</c>, or "" for non-resource paths.</param>
internal sealed record RequestMetricLabels(string Verb, string DryRun, string Group, string Version, string Resource, string Subresource, string Scope)
{
    // apiserver's validConnectRequests: these subresources count as CONNECT whatever the HTTP method.
    private static readonly HashSet<string> ConnectSubresources = ["log", "exec", "portforward", "attach", "proxy"];

    // RequestInfoFactory's namespaceSubresources: /namespaces/NAME/status is the namespace's subresource, not a resource.
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>True for requests the real server tracks in <c>apiserver_longrunning_requests</c>.</summary>
    public bool IsLongRunning => Verb is "WATCH" or "CONNECT";

    /// <summary>Labels a request from its method, path, <c>watch</c> and <c>dryRun</c> query values and Content-Type.</summary>
    public static RequestMetricLabels Of(string method, string path, string? watch, IReadOnlyList<string> dryRun, string? contentType)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (group, version, rest) = parts switch
        {
            ["api", var v, .. var r] when r.Length > 0 => ("", v, r),
            ["apis", var g, var v, .. var r] when r.Length > 0 => (g, v, r),
            _ => ("", "", Array.Empty<string>()),
        };
        var upperMethod = method.ToUpperInvariant();
        var dryRunLabel = DryRunLabel(dryRun);
        if (rest.Length == 0)
        {
            // Non-resource paths (/version, /apis, /api/v1 discovery, /openapi/..., /metrics): the path is the subresource.
            return new RequestMetricLabels(CleanVerb(CanonicalVerb(upperMethod, ""), watch, contentType, null), dryRunLabel, "", "", "",
                "/" + string.Join('/', parts), "");
        }

        var ns = "";
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2])) rest = rest[2..];
        }
        var resource = rest[0];
        var name = rest.Length > 1 ? rest[1] : "";
        var subresource = rest.Length > 2 ? rest[2] : "";
        var scope = name.Length > 0 || (upperMethod == "POST" && subresource.Length == 0) ? "resource"
            : ns.Length > 0 ? "namespace"
            : "cluster";
        return new RequestMetricLabels(CleanVerb(CanonicalVerb(upperMethod, scope), watch, contentType, subresource), dryRunLabel,
            group, version, resource, subresource, scope);
    }

    private static string CanonicalVerb(string method, string scope) =>
        method is "GET" or "HEAD" ? scope is "resource" or "" ? "GET" : "LIST" : method;

    private static string CleanVerb(string verb, string? watch, string? contentType, string? subresource)
    {
        if (verb is "GET" or "LIST" && watch is { Length: > 0 } && !watch.Equals("0", StringComparison.Ordinal) &&
            !watch.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            verb = "WATCH";
        }
        if (verb == "PATCH" && contentType?.Split(';')[0].Trim() == "application/apply-patch+yaml") verb = "APPLY";
        if (subresource is not null && ConnectSubresources.Contains(subresource)) verb = "CONNECT";
        return verb is "APPLY" or "CONNECT" or "DELETE" or "GET" or "LIST" or "PATCH" or "POST" or "PUT" or "WATCH" ? verb : "other";
    }

    private static string DryRunLabel(IReadOnlyList<string> dryRun)
    {
        if (dryRun.Count == 0) return "";
        return dryRun.All(d => d == "All") ? "All" : "invalid";
    }
}
