using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>A snapshot of the cluster's RBAC objects, indexed for the authorizer.</summary>
public sealed class RbacPolicy
{
    private readonly Dictionary<string, JsonObject> _clusterRoles;
    private readonly Dictionary<(string Namespace, string Name), JsonObject> _roles;
    private readonly IReadOnlyList<JsonObject> _clusterRoleBindings;
    private readonly ILookup<string, JsonObject> _roleBindingsByNamespace;

    /// <summary>Indexes the four kinds' objects.</summary>
    public RbacPolicy(IEnumerable<JsonObject> clusterRoles, IEnumerable<JsonObject> roles, IEnumerable<JsonObject> clusterRoleBindings, IEnumerable<JsonObject> roleBindings)
    {
        _clusterRoles = clusterRoles.ToDictionary(r => Str(r["metadata"]?["name"]), StringComparer.Ordinal);
        _roles = roles.ToDictionary(r => (Str(r["metadata"]?["namespace"]), Str(r["metadata"]?["name"])));
        _clusterRoleBindings = clusterRoleBindings.ToList();
        _roleBindingsByNamespace = roleBindings.ToLookup(b => Str(b["metadata"]?["namespace"]), StringComparer.Ordinal);
    }

    /// <summary>The cluster role bindings.</summary>
    public IReadOnlyList<JsonObject> ClusterRoleBindings => _clusterRoleBindings;

    /// <summary>The role bindings of one namespace.</summary>
    public IEnumerable<JsonObject> RoleBindingsIn(string ns) => _roleBindingsByNamespace[ns];

    /// <summary>The rules a binding's roleRef grants, or null (with the error the real authorizer reports) when the role does not exist.</summary>
    public IReadOnlyList<RbacRule>? RulesOf(JsonObject binding, string bindingNamespace, out string? missing)
    {
        missing = null;
        var kind = Str(binding["roleRef"]?["kind"]);
        var name = Str(binding["roleRef"]?["name"]);
        var role = kind == "Role" ? _roles.GetValueOrDefault((bindingNamespace, name)) : _clusterRoles.GetValueOrDefault(name);
        if (role is null)
        {
            missing = kind == "Role" ? $"role.rbac.authorization.k8s.io \"{name}\" not found" : $"clusterrole.rbac.authorization.k8s.io \"{name}\" not found";
            return null;
        }

        return (role["rules"] as JsonArray ?? []).Select(RbacRule.FromJson).ToList();
    }

    private static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
