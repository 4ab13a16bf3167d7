using System.Text.Json.Nodes;
using VisitCounter.Crds.Generation;
using VisitCounter.Kube.Serialization;
using VisitCounter.Operator.Rbac;

namespace VisitCounter.Operator.Manifests;

/// <summary>
/// The files of <c>config/rbac/</c>, generated from <see cref="OperatorPermissions"/> so the manifests can never grant
/// less (or more) than the code uses. A test fails when the checked-in files differ from <see cref="Render"/>.
/// </summary>
public static class RbacManifests
{
    /// <summary>The namespace the operator is installed in (config/manager).</summary>
    public const string OperatorNamespace = "visitcounter-system";

    /// <summary>The name of the ServiceAccount, ClusterRole and ClusterRoleBinding.</summary>
    public const string Name = "visitcounter-operator";

    /// <summary>The name of the leader-election Role and RoleBinding.</summary>
    public const string LeaderElectionName = "visitcounter-operator-leader-election";

    private const string Header = "# Generated from src/Operator/Rbac/OperatorPermissions.cs by `dotnet run --project src/Operator -- generate`. Do not edit.\n";

    /// <summary>Every file of <c>config/rbac/</c>, keyed by its path relative to the config directory.</summary>
    public static IReadOnlyDictionary<string, string> Render() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["rbac/service_account.yaml"] = Yaml(ServiceAccount()),
        ["rbac/role.yaml"] = Yaml(Role("ClusterRole", Name, null, OperatorPermissions.ClusterRules)),
        ["rbac/role_binding.yaml"] = Yaml(Binding("ClusterRoleBinding", "ClusterRole", Name, null)),
        ["rbac/leader_election_role.yaml"] = Yaml(Role("Role", LeaderElectionName, OperatorNamespace, OperatorPermissions.LeaderElectionRules)),
        ["rbac/leader_election_role_binding.yaml"] = Yaml(Binding("RoleBinding", "Role", LeaderElectionName, OperatorNamespace)),
        ["rbac/kustomization.yaml"] = Header
            + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
            + "- service_account.yaml\n- role.yaml\n- role_binding.yaml\n- leader_election_role.yaml\n- leader_election_role_binding.yaml\n",
    };

    /// <summary>Writes (or rewrites) <c>rbac/</c> under <paramref name="configDir"/>; returns the paths that changed.</summary>
    public static Task<IReadOnlyList<string>> WriteAsync(string configDir, CancellationToken cancellationToken = default) =>
        ManifestFiles.WriteAsync(configDir, Render(), cancellationToken);

    private static string Yaml(JsonObject manifest) => Header + KubernetesYaml.Dump(manifest);

    private static JsonObject Metadata(string name, string? @namespace)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (@namespace is not null)
        {
            metadata["namespace"] = @namespace;
        }

        metadata["labels"] = new JsonObject { ["app.kubernetes.io/name"] = Name, ["app.kubernetes.io/managed-by"] = "kustomize" };
        return metadata;
    }

    private static JsonObject ServiceAccount() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ServiceAccount",
        ["metadata"] = Metadata(Name, OperatorNamespace),
    };

    private static JsonObject Role(string kind, string name, string? @namespace, IEnumerable<PolicyRule> rules) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = kind,
        ["metadata"] = Metadata(name, @namespace),
        ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)new JsonObject
        {
            ["apiGroups"] = Strings(r.ApiGroups),
            ["resources"] = Strings(r.Resources),
            ["verbs"] = Strings(r.Verbs),
        })]),
    };

    private static JsonObject Binding(string kind, string roleKind, string name, string? @namespace) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = kind,
        ["metadata"] = Metadata(name, @namespace),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = roleKind, ["name"] = name },
        ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = Name, ["namespace"] = OperatorNamespace }),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
