using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Auth;

/// <summary>One rbac/v1 PolicyRule, and whether it allows a request (pkg/apis/rbac/v1/evaluation_helpers.go).</summary>
public sealed record RbacRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    private const string All = "*";

    /// <summary>Reads a rule from its JSON form.</summary>
    public static RbacRule FromJson(JsonNode? rule) => new(
        Strings(rule?["verbs"]), Strings(rule?["apiGroups"]), Strings(rule?["resources"]),
        Strings(rule?["resourceNames"]), Strings(rule?["nonResourceURLs"]));

    /// <summary>True when this rule allows the request.</summary>
    public bool Allows(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Verbs.Contains(All) && !Verbs.Contains(request.Verb)) return false;
        return request.IsResourceRequest
            ? GroupMatches(request.ApiGroup) && ResourceMatches(request.Resource, request.Subresource) && NameMatches(request.Name)
            : NonResourceUrls.Any(url => UrlMatches(url, request.Path));
    }

    private bool GroupMatches(string group) => ApiGroups.Contains(All) || ApiGroups.Contains(group);

    /// <summary><c>*</c>, the resource (without subresource), <c>resource/subresource</c>, or <c>*/subresource</c>.</summary>
    private bool ResourceMatches(string resource, string subresource)
    {
        var combined = subresource.Length == 0 ? resource : $"{resource}/{subresource}";
        foreach (var candidate in Resources)
        {
            if (candidate == All || candidate == combined) return true;
            if (subresource.Length > 0 && candidate == "*/" + subresource) return true;
        }

        return false;
    }

    private bool NameMatches(string name) => ResourceNames.Count == 0 || ResourceNames.Contains(name);

    private static bool UrlMatches(string rule, string path) =>
        rule == All || rule == path || (rule.EndsWith('*') && path.StartsWith(rule[..^1], StringComparison.Ordinal));

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
}
