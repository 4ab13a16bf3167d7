using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>
/// The default ClusterRoles and ClusterRoleBindings a fresh cluster has (plugin/pkg/auth/authorizer/rbac/bootstrappolicy)
/// that matter to the flows served here: cluster-admin for system:masters, discovery, basic-user (self reviews) and
/// public-info-viewer for everyone authenticated, and the user-facing view/edit/admin roles over the kinds served.
/// </summary>
public static class BootstrapPolicy
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];
    private static readonly string[] WriteVerbs = ["create", "delete", "deletecollection", "patch", "update"];

    /// <summary>The ClusterRoles.</summary>
    public static IReadOnlyList<JsonObject> ClusterRoles() =>
    [
        Role("cluster-admin", ResourceRule(["*"], ["*"], ["*"]), UrlRule(["*"], ["*"])),
        Role("system:discovery", UrlRule(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"])),
        Role("system:basic-user",
            ResourceRule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
            ResourceRule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"])),
        Role("system:public-info-viewer", UrlRule(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])),
        Role("view", ViewRules()),
        Role("edit", [.. ViewRules(), .. EditRules()]),
        Role("admin", [.. ViewRules(), .. EditRules(),
            ResourceRule(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], ["rbac.authorization.k8s.io"], ["rolebindings", "roles"]),
            ResourceRule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"])]),
    ];

    /// <summary>The ClusterRoleBindings.</summary>
    public static IReadOnlyList<JsonObject> ClusterRoleBindings() =>
    [
        Binding("cluster-admin", "cluster-admin", UserInfo.MastersGroup),
        Binding("system:discovery", "system:discovery", UserInfo.AuthenticatedGroup),
        Binding("system:basic-user", "system:basic-user", UserInfo.AuthenticatedGroup),
        Binding("system:public-info-viewer", "system:public-info-viewer", UserInfo.AuthenticatedGroup, "system:unauthenticated"),
    ];

    private static JsonObject[] ViewRules() =>
    [
        ResourceRule(ReadVerbs, [""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "pods/log",
            "pods/status", "replicationcontrollers", "services", "services/status", "serviceaccounts", "events", "namespaces", "namespaces/status"]),
        ResourceRule(ReadVerbs, ["apps"], ["deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale",
            "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status", "controllerrevisions"]),
        ResourceRule(ReadVerbs, ["coordination.k8s.io"], ["leases"]),
    ];

    private static JsonObject[] EditRules() =>
    [
        ResourceRule(WriteVerbs, [""], ["configmaps", "persistentvolumeclaims", "pods", "secrets", "services", "serviceaccounts"]),
        ResourceRule([.. ReadVerbs], [""], ["secrets"]),
        ResourceRule(["create"], [""], ["serviceaccounts/token", "pods/eviction"]),
        ResourceRule(WriteVerbs, ["apps"], ["deployments", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"]),
        ResourceRule(WriteVerbs, ["coordination.k8s.io"], ["leases"]),
    ];

    private static JsonObject Role(string name, params JsonObject[] rules) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRole",
        ["metadata"] = Metadata(name),
        ["rules"] = new JsonArray(rules.Select(r => (JsonNode)r).ToArray()),
    };

    private static JsonObject Binding(string name, string role, params string[] groups) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = Metadata(name),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray(groups.Select(g => (JsonNode)new JsonObject
        {
            ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = g,
        }).ToArray()),
    };

    private static JsonObject Metadata(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
    };

    private static JsonObject ResourceRule(IEnumerable<string> verbs, IEnumerable<string> groups, IEnumerable<string> resources) => new()
    {
        ["apiGroups"] = Strings(groups),
        ["resources"] = Strings(resources),
        ["verbs"] = Strings(verbs),
    };

    private static JsonObject UrlRule(IEnumerable<string> verbs, IEnumerable<string> urls) => new()
    {
        ["nonResourceURLs"] = Strings(urls),
        ["verbs"] = Strings(verbs),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
