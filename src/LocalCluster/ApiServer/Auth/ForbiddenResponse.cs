using VisitCounter.LocalCluster.ApiServer.Errors;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>The 403 a denied request gets, worded as k8s.io/apiserver's <c>responsewriters.Forbidden</c> words it.</summary>
public static class ForbiddenResponse
{
    /// <summary>e.g. <c>pods is forbidden: User "system:serviceaccount:ns:sa" cannot list resource "pods" in API group "" in the namespace "default"</c>.</summary>
    public static ApiException For(string userName, RequestAttributes request, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = Message(userName, request);
        if (reason.Length > 0) message += ": " + reason;
        if (!request.IsResourceRequest)
        {
            return new ApiException(403, "Forbidden", "forbidden: " + message, new StatusDetails(null, null, null, null, []));
        }

        var qualified = request.ApiGroup.Length == 0 ? request.Resource : $"{request.Resource}.{request.ApiGroup}";
        var text = request.Name.Length == 0 ? $"{qualified} is forbidden: {message}" : $"{qualified} \"{request.Name}\" is forbidden: {message}";
        return new ApiException(403, "Forbidden", text,
            new StatusDetails(request.Name.Length == 0 ? null : request.Name, request.ApiGroup, request.Resource, null, []));
    }

    private static string Message(string userName, RequestAttributes request)
    {
        if (!request.IsResourceRequest) return $"User \"{userName}\" cannot {request.Verb} path \"{request.Path}\"";
        var resource = request.Subresource.Length == 0 ? request.Resource : $"{request.Resource}/{request.Subresource}";
        return request.Namespace.Length > 0
            ? $"User \"{userName}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" in the namespace \"{request.Namespace}\""
            : $"User \"{userName}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" at the cluster scope";
    }
}
