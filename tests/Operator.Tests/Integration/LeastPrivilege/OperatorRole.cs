using System.Text.Json.Nodes;
using VisitCounter.Operator.Rbac;

namespace VisitCounter.Operator.Tests.Integration.LeastPrivilege;

/// <summary>
/// The operator's rules (<see cref="OperatorPermissions"/>, which config/rbac/role.yaml is generated from and a manifest
/// test keeps equal) with at most one verb of one resource taken away.
/// </summary>
/// <param name="Dropped">The verb taken away, or null for the full role.</param>
public sealed record OperatorRole(Permission? Dropped)
{
    /// <summary>The role as generated.</summary>
    public static OperatorRole Full { get; } = new((Permission?)null);

    /// <summary>Every verb of every rule of the ClusterRole and the leader-election Role.</summary>
    public static IEnumerable<Permission> AllPermissions =>
        OperatorPermissions.ClusterRules.Concat(OperatorPermissions.LeaderElectionRules)
            .SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => new Permission(g, res, v)))));

    /// <summary>The ClusterRole's rules, as rbac.authorization.k8s.io/v1 JSON.</summary>
    public JsonArray ClusterRules() => Rules(OperatorPermissions.ClusterRules);

    /// <summary>The leader-election Role's rules.</summary>
    public JsonArray LeaderElectionRules() => Rules(OperatorPermissions.LeaderElectionRules);

    private JsonArray Rules(IReadOnlyList<PolicyRule> rules)
    {
        var result = new JsonArray();
        foreach (var rule in rules)
        {
            // A rule names one group and one resource here; dropping a verb leaves the others.
            var verbs = rule.Verbs.Where(v => Dropped is not { } d || !rule.ApiGroups.Contains(d.Group) || !rule.Resources.Contains(d.Resource) || d.Verb != v).ToList();
            if (verbs.Count == 0)
            {
                continue;
            }

            result.Add(new JsonObject
            {
                ["apiGroups"] = Strings(rule.ApiGroups),
                ["resources"] = Strings(rule.Resources),
                ["verbs"] = Strings(verbs),
            });
        }

        return result;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}

/// <summary>One verb on one resource of one API group ("" for core), e.g. <c>create</c> on <c>services</c>.</summary>
public sealed record Permission(string Group, string Resource, string Verb)
{
    /// <summary>The words of the API server's 403 that name this permission.</summary>
    public string ForbiddenText => $"cannot {Verb} resource \"{Resource}\" in API group \"{Group}\"";

    /// <inheritdoc />
    public override string ToString() => $"{Verb} {(Group.Length == 0 ? Resource : $"{Resource}.{Group}")}";
}
