using VisitCounter.LocalCluster.ApiServer.Auth;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// What the kubelet tells pods about the API server, as a real kubelet does: its address in the
/// <c>KUBERNETES_SERVICE_HOST</c>/<c>PORT</c> variables (the <c>kubernetes</c> Service's), and pod-bound service
/// account tokens for their projected volumes.
/// </summary>
/// <param name="Host">The address pods reach the API server at; its serving certificate is valid for it.</param>
/// <param name="Port">The API server's port.</param>
/// <param name="Tokens">Mints the tokens.</param>
internal sealed record ApiServerAccess(string Host, int Port, ServiceAccountTokens Tokens)
{
    /// <summary>The variables every container gets (the pod's own env may override them).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["KUBERNETES_SERVICE_HOST"] = Host,
        ["KUBERNETES_SERVICE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["KUBERNETES_SERVICE_PORT_HTTPS"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["KUBERNETES_PORT"] = $"tcp://{Host}:{Port}",
    };

    /// <summary>A token for the pod's projected volume, bound to the pod.</summary>
    public string Issue(PodTokenRequest request) =>
        Tokens.Issue(request.Namespace, request.ServiceAccount, request.Audiences, request.Lifetime, request.Pod).Token;
}
