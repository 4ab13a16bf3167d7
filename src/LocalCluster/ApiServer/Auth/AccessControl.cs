using System.Security.Cryptography;
using System.Text;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>
/// Authentication, impersonation and authorization of API requests, in kube-apiserver's filter order. The admin
/// bearer token (the kubeconfig's) is a member of system:masters; service account tokens authenticate as their
/// account; over plain HTTP (no admin token) any request without a valid service account token acts as the admin.
/// </summary>
internal sealed class AccessControl(string? adminToken, ServiceAccountTokens tokens, VersionedStore store, AuthorizationCounters counters)
{
    private readonly byte[]? _adminAuthorization = adminToken is null ? null : Encoding.ASCII.GetBytes("Bearer " + adminToken);

    public AuthorizationCounters Counters => counters;

    /// <summary>The user a request authenticates as.</summary>
    /// <exception cref="ApiException">401 for a missing or unknown token.</exception>
    public UserInfo Authenticate(string authorization)
    {
        if (_adminAuthorization is not null &&
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(authorization), _adminAuthorization))
        {
            return UserInfo.Admin;
        }

        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && tokens.Authenticate(authorization[bearer.Length..].Trim()) is { } user)
        {
            return user;
        }

        // Plain HTTP has no authentication (as before service accounts existed): whatever else is presented is the admin.
        if (_adminAuthorization is null) return UserInfo.Admin;
        throw ApiException.Unauthorized();
    }

    /// <summary>
    /// Applies <c>Impersonate-User</c>/<c>Impersonate-Group</c>: the requester must be allowed the <c>impersonate</c>
    /// verb on the users (service accounts) and groups named. A service account user gets its groups unless groups are given.
    /// </summary>
    public UserInfo Impersonate(UserInfo requester, string? userName, IReadOnlyList<string> groups, string? uid)
    {
        if (string.IsNullOrEmpty(userName))
        {
            if (groups.Count > 0) throw ApiException.BadRequest("requested impersonation of groups without impersonating a user");
            return requester;
        }

        var checks = new List<RequestAttributes>();
        if (UserInfo.TryParseServiceAccount(userName, out var ns, out var name))
        {
            checks.Add(new RequestAttributes { Verb = "impersonate", IsResourceRequest = true, Resource = "serviceaccounts", Namespace = ns, Name = name });
        }
        else
        {
            checks.Add(new RequestAttributes { Verb = "impersonate", IsResourceRequest = true, Resource = "users", Name = userName });
        }

        checks.AddRange(groups.Select(g => new RequestAttributes { Verb = "impersonate", IsResourceRequest = true, Resource = "groups", Name = g }));
        foreach (var check in checks)
        {
            var decision = Authorize(requester, check);
            if (!decision.Allowed) throw ForbiddenResponse.For(requester.Name, check, decision.Reason);
        }

        var effectiveGroups = groups.Count > 0 || !UserInfo.TryParseServiceAccount(userName, out ns, out _)
            ? groups.ToList()
            : UserInfo.ServiceAccountGroups(ns).ToList();
        if (userName != "system:anonymous" && !effectiveGroups.Contains(UserInfo.AuthenticatedGroup)) effectiveGroups.Add(UserInfo.AuthenticatedGroup);
        return new UserInfo(userName, uid ?? "", effectiveGroups);
    }

    /// <summary>Authorizes a request and counts the decision; throws the real 403 when denied.</summary>
    public void Check(UserInfo user, RequestAttributes request)
    {
        var decision = Authorize(user, request);
        if (decision.Allowed)
        {
            // system:masters is allowed before RBAC is asked, so only RBAC's decisions reach the metric (as on kube-apiserver).
            counters.RecordAllowed(byRbac: !user.IsMaster);
            return;
        }

        var forbidden = ForbiddenResponse.For(user.Name, request, decision.Reason);
        var resource = !request.IsResourceRequest ? request.Path
            : request.Subresource.Length == 0 ? request.Resource
            : $"{request.Resource}/{request.Subresource}";
        counters.RecordDenied(new AuthorizationDenial(user.Name, request.Verb, resource, request.Namespace, forbidden.Message, request.ApiGroup));
        throw forbidden;
    }

    /// <summary>
    /// The check of the create that an update or apply turns into when the object is missing: the same request asked
    /// as <c>create</c> (k8s.io/apiserver <c>withAuthorization</c> on the patcher's create validation), so a patch-only
    /// role cannot create objects by applying them.
    /// </summary>
    public Action CreateOnUpdate(UserInfo user, RequestAttributes update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var create = update with { Verb = "create" };
        return () => Check(user, create);
    }

    /// <summary>The decision alone (access reviews ask without acting).</summary>
    public AuthorizationDecision Authorize(UserInfo user, RequestAttributes request) =>
        user.IsMaster ? AuthorizationDecision.Allow : RbacAuthorizer.Authorize(user, request, Policy());

    /// <summary>The current RBAC objects.</summary>
    public RbacPolicy Policy() => new(
        store.List(ResourceRef.ClusterRoles, null).Items,
        store.List(ResourceRef.Roles, null).Items,
        store.List(ResourceRef.ClusterRoleBindings, null).Items,
        store.List(ResourceRef.RoleBindings, null).Items);
}
