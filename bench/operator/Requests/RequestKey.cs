namespace VisitCounter.Bench.OperatorScale.Requests;

/// <summary>One series of the API server's <c>apiserver_request_total</c>, by the labels the benchmark reports.</summary>
/// <param name="Verb">GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE or CONNECT, as kube-apiserver reports it.</param>
/// <param name="Group">API group ("" for core and non-resource paths).</param>
/// <param name="Resource">Resource ("" for non-resource paths such as <c>/version</c>).</param>
/// <param name="Subresource">Subresource (<c>status</c>, <c>proxy</c>, ...); the path itself for non-resource paths.</param>
/// <param name="Code">HTTP status code.</param>
public sealed record RequestKey(string Verb, string Group, string Resource, string Subresource, string Code)
{
    private static readonly HashSet<string> WriteVerbs = ["POST", "PUT", "PATCH", "APPLY", "DELETE"];

    /// <summary>The request changes state (create, update, patch, server-side apply, delete).</summary>
    public bool IsWrite => WriteVerbs.Contains(Verb);

    /// <summary>
    /// A per-pod visits read: the operator reads <c>/visits</c> through the pod proxy, which kube-apiserver counts as
    /// CONNECT on <c>pods/proxy</c>.
    /// </summary>
    public bool IsVisitsRead => Verb == "CONNECT" && Group.Length == 0 && Resource == "pods" && Subresource == "proxy";

    /// <summary>The benchmark's own scrape of <c>/metrics</c>: not the operator's, so never reported.</summary>
    public bool IsMetricsScrape => Resource.Length == 0 && Subresource == "/metrics";

    /// <summary><c>resource/subresource</c> (with the group when not core), or the path of a non-resource request.</summary>
    public string Target
    {
        get
        {
            if (Resource.Length == 0)
            {
                return Subresource;
            }

            var resource = Group.Length == 0 ? Resource : $"{Resource}.{Group}";
            return Subresource.Length == 0 ? resource : $"{resource}/{Subresource}";
        }
    }
}
