using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// Discovery documents built from the registry: aggregated (apidiscovery.k8s.io/v2, what kubectl 1.32 asks
/// for first) and legacy (APIVersions, APIGroupList, APIGroup, APIResourceList).
/// See https://kubernetes.io/docs/concepts/overview/kubernetes-api/#discovery-api.
/// </summary>
internal static class Discovery
{
    /// <summary>The group order the real server uses for the groups we serve; CRD groups follow.</summary>
    private static readonly string[] BuiltinGroupOrder = ["", "apps", "authorization.k8s.io", "policy", "coordination.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "apiextensions.k8s.io"];

    public static List<(string Group, List<(string Version, List<ResourceDefinition> Resources)> Versions)> Groups(ResourceRegistry registry, bool core)
    {
        var groups = registry.All
            .Where(d => (d.Ref.Group.Length == 0) == core)
            .GroupBy(d => d.Ref.Group)
            .OrderBy(g => Array.IndexOf(BuiltinGroupOrder, g.Key) is var i && i >= 0 ? i : BuiltinGroupOrder.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.GroupBy(d => d.Ref.Version)
                .OrderByDescending(v => VersionPriority(v.Key))
                .Select(v => (v.Key, v.OrderBy(d => d.Ref.Resource, StringComparer.Ordinal).ToList()))
                .ToList()))
            .ToList();
        return groups;
    }

    /// <summary>Kubernetes version priority: GA before beta before alpha, higher numbers first.</summary>
    private static int VersionPriority(string version)
    {
        var level = version.Contains("alpha", StringComparison.Ordinal) ? 0 : version.Contains("beta", StringComparison.Ordinal) ? 1 : 2;
        var digits = new string(version.Skip(1).TakeWhile(char.IsAsciiDigit).ToArray());
        return (level * 1000) + (int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0);
    }

    public static JsonObject Aggregated(ResourceRegistry registry, bool core, string apiVersion)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in Groups(registry, core))
        {
            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (!core) metadata = new JsonObject { ["name"] = group, ["creationTimestamp"] = null };
            var versionList = new JsonArray();
            foreach (var (version, resources) in versions)
            {
                versionList.Add((JsonNode)new JsonObject
                {
                    ["version"] = version,
                    ["resources"] = new JsonArray(resources.Select(r => (JsonNode)AggregatedResource(r)).ToArray()),
                    ["freshness"] = "Current",
                });
            }
            items.Add((JsonNode)new JsonObject { ["metadata"] = metadata, ["versions"] = versionList });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject AggregatedResource(ResourceDefinition d)
    {
        var resource = new JsonObject
        {
            ["resource"] = d.Ref.Resource,
            ["responseKind"] = Gvk(d.Ref.Group, d.Ref.Version, d.Kind),
            ["scope"] = d.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = d.Singular,
            ["verbs"] = Strings(d.Verbs),
        };
        if (d.ShortNames.Count > 0) resource["shortNames"] = Strings(d.ShortNames);
        if (d.Categories.Count > 0) resource["categories"] = Strings(d.Categories);
        var subresources = new JsonArray();
        if (d.HasStatus)
        {
            subresources.Add((JsonNode)new JsonObject
            {
                ["subresource"] = "status",
                ["responseKind"] = Gvk(d.Ref.Group, d.Ref.Version, d.Kind),
                ["verbs"] = Strings(["get", "patch", "update"]),
            });
        }
        if (d.Scale is not null)
        {
            subresources.Add((JsonNode)new JsonObject
            {
                ["subresource"] = "scale",
                ["responseKind"] = Gvk("autoscaling", "v1", "Scale"),
                ["verbs"] = Strings(["get", "patch", "update"]),
            });
        }
        foreach (var extra in d.Subresources)
        {
            subresources.Add((JsonNode)new JsonObject
            {
                ["subresource"] = extra.Name,
                ["responseKind"] = Gvk(extra.Group, extra.Version, extra.Kind),
                ["verbs"] = Strings(extra.Verbs),
            });
        }
        if (subresources.Count > 0) resource["subresources"] = subresources;
        return resource;
    }

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = Strings(["v1"]),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(Groups(registry, false).Select(g => (JsonNode)Group(g.Group, g.Versions.Select(v => v.Version).ToList())).ToArray()),
    };

    public static JsonObject? GroupDocument(ResourceRegistry registry, string group)
    {
        var match = Groups(registry, false).FirstOrDefault(g => g.Group == group);
        if (match.Group is null) return null;
        var document = Group(group, match.Versions.Select(v => v.Version).ToList());
        document["kind"] = "APIGroup";
        document["apiVersion"] = "v1";
        return document;
    }

    private static JsonObject Group(string group, List<string> versions)
    {
        JsonObject Version(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)Version(v)).ToArray()),
            ["preferredVersion"] = Version(versions[0]),
        };
    }

    public static JsonObject? ResourceList(ResourceRegistry registry, string group, string version)
    {
        var resources = registry.All.Where(d => d.Ref.Group == group && d.Ref.Version == version)
            .OrderBy(d => d.Ref.Resource, StringComparer.Ordinal).ToList();
        if (resources.Count == 0) return null;
        var list = new JsonArray();
        foreach (var d in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = d.Ref.Resource,
                ["singularName"] = d.Singular,
                ["namespaced"] = d.Namespaced,
                ["kind"] = d.Kind,
                ["verbs"] = Strings(d.Verbs),
            };
            if (d.ShortNames.Count > 0) entry["shortNames"] = Strings(d.ShortNames);
            if (d.Categories.Count > 0) entry["categories"] = Strings(d.Categories);
            list.Add((JsonNode)entry);
            if (d.HasStatus)
            {
                list.Add((JsonNode)new JsonObject
                {
                    ["name"] = d.Ref.Resource + "/status", ["singularName"] = d.Singular, ["namespaced"] = d.Namespaced,
                    ["kind"] = d.Kind, ["verbs"] = Strings(["get", "patch", "update"]),
                });
            }
            if (d.Scale is not null)
            {
                list.Add((JsonNode)new JsonObject
                {
                    ["name"] = d.Ref.Resource + "/scale", ["singularName"] = d.Singular, ["namespaced"] = d.Namespaced,
                    ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale", ["verbs"] = Strings(["get", "patch", "update"]),
                });
            }
            foreach (var extra in d.Subresources)
            {
                list.Add((JsonNode)new JsonObject
                {
                    ["name"] = $"{d.Ref.Resource}/{extra.Name}", ["singularName"] = "", ["namespaced"] = d.Namespaced,
                    ["group"] = extra.Group, ["version"] = extra.Version, ["kind"] = extra.Kind, ["verbs"] = Strings(extra.Verbs),
                });
            }
        }
        var document = new JsonObject { ["kind"] = "APIResourceList" };
        if (group.Length > 0) document["apiVersion"] = "v1";
        document["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}";
        document["resources"] = list;
        return document;
    }

    private static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
