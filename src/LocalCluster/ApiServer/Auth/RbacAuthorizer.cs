using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>
/// kube-apiserver's RBAC authorizer (plugin/pkg/auth/authorizer/rbac): members of system:masters may do anything;
/// anyone else needs a rule of a role bound to them: cluster role bindings for every request, role bindings of the
/// request's namespace for namespaced ones. Pure: the caller passes the policy snapshot.
/// </summary>
public static class RbacAuthorizer
{
    /// <summary>Decides one request.</summary>
    public static AuthorizationDecision Authorize(UserInfo user, RequestAttributes request, RbacPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        if (user.IsMaster) return AuthorizationDecision.Allow;
        var errors = new List<string>();
        foreach (var rules in RulesFor(user, request.Namespace, policy, errors))
        {
            if (rules.Any(r => r.Allows(request))) return AuthorizationDecision.Allow;
        }

        return AuthorizationDecision.Deny(errors.Count == 0 ? "" : "RBAC: " + string.Join(", ", errors));
    }

    /// <summary>The rules of every role bound to <paramref name="user"/> that apply in <paramref name="ns"/> (cluster-wide when empty).</summary>
    public static IEnumerable<IReadOnlyList<RbacRule>> RulesFor(UserInfo user, string ns, RbacPolicy policy, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var binding in policy.ClusterRoleBindings.Where(b => BindsTo(b, user, "")))
        {
            if (policy.RulesOf(binding, "", out var missing) is { } rules) yield return rules;
            else errors.Add(missing!);
        }

        if (ns.Length == 0) yield break;
        foreach (var binding in policy.RoleBindingsIn(ns).Where(b => BindsTo(b, user, ns)))
        {
            if (policy.RulesOf(binding, ns, out var missing) is { } rules) yield return rules;
            else errors.Add(missing!);
        }
    }

    private static bool BindsTo(JsonObject binding, UserInfo user, string bindingNamespace) =>
        (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>().Any(subject => Str(subject["kind"]) switch
        {
            "User" => Str(subject["name"]) == user.Name,
            "Group" => user.Groups.Contains(Str(subject["name"])),
            "ServiceAccount" => UserInfo.ServiceAccountUserName(Str(subject["namespace"]) is { Length: > 0 } ns ? ns : bindingNamespace, Str(subject["name"])) == user.Name,
            _ => false,
        });

    private static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}

/// <summary>An authorizer's answer: allowed, or denied with the reason the Forbidden message appends (often empty).</summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason)
{
    /// <summary>Allowed.</summary>
    public static AuthorizationDecision Allow { get; } = new(true, "");

    /// <summary>Denied, with an optional reason.</summary>
    public static AuthorizationDecision Deny(string reason) => new(false, reason);
}
