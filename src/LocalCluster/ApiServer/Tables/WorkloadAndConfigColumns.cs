using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using static VisitCounter.LocalCluster.ApiServer.Tables.BuiltinColumns;

namespace VisitCounter.LocalCluster.ApiServer.Tables;

/// <summary>
/// kube-apiserver 1.32's printer columns for Deployments, ReplicaSets, Secrets, ConfigMaps, ServiceAccounts and the
/// RBAC kinds (pkg/printers/internalversion/printers.go), so <c>kubectl get</c> shows what a real cluster shows.
/// </summary>
internal static class WorkloadAndConfigColumns
{
    public static IReadOnlyList<TableColumn>? For(ResourceRef resource)
    {
        if (resource == ResourceRef.Deployments) return Deployments;
        if (resource == ResourceRef.ReplicaSets) return ReplicaSets;
        if (resource == ResourceRef.Secrets) return Secrets;
        if (resource == ResourceRef.ConfigMaps) return ConfigMaps;
        if (resource == ResourceRef.ServiceAccounts) return ServiceAccounts;
        if (resource == ResourceRef.Roles || resource == ResourceRef.ClusterRoles) return Roles;
        if (resource == ResourceRef.RoleBindings || resource == ResourceRef.ClusterRoleBindings) return Bindings;
        return null;
    }

    private static readonly TableColumn[] TemplateColumns =
    [
        Col("Containers", "Names of each container in the template.", 1, (o, _) => Containers(o, "name")),
        Col("Images", "Images referenced by each container in the template.", 1, (o, _) => Containers(o, "image")),
        Col("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1,
            (o, _) => Selector(o["spec"]?["selector"] as JsonObject)),
    ];

    private static readonly TableColumn[] Deployments =
    [
        Name,
        Col("Ready", "Number of the pod with ready state", 0,
            (o, _) => Text($"{Int(o["status"]?["readyReplicas"])}/{Int(o["spec"]?["replicas"])}")),
        Number("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
            o => Int(o["status"]?["updatedReplicas"])),
        Number("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
            o => Int(o["status"]?["availableReplicas"])),
        Age,
        .. TemplateColumns,
    ];

    private static readonly TableColumn[] ReplicaSets =
    [
        Name,
        Number("Desired", "Number of desired pods.", o => Int(o["spec"]?["replicas"])),
        Number("Current", "Number of actively running pods.", o => Int(o["status"]?["replicas"])),
        Number("Ready", "Number of ready pods.", o => Int(o["status"]?["readyReplicas"])),
        Age,
        .. TemplateColumns,
    ];

    private static readonly TableColumn[] Secrets =
    [
        Name,
        Col("Type", "The type of the secret", 0, (o, _) => Str(o["type"]) ?? ""),
        Number("Data", "The number of data in the secret", o => (o["data"] as JsonObject)?.Count ?? 0),
        Age,
    ];

    private static readonly TableColumn[] ConfigMaps =
    [
        Name,
        Number("Data", "Number of data in the configmap", o => ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0)),
        Age,
    ];

    private static readonly TableColumn[] ServiceAccounts =
    [
        Name,
        Number("Secrets", "The number of secrets in the service account", o => (o["secrets"] as JsonArray)?.Count ?? 0),
        Age,
    ];

    private static readonly TableColumn[] Roles =
    [
        Name,
        Col("Created At", "Time when this Role was created", 0, (o, _) => Meta.String(o, "creationTimestamp") ?? ""),
    ];

    private static readonly TableColumn[] Bindings =
    [
        Name,
        Col("Role", "Role", 0, (o, _) => $"{Str(o["roleRef"]?["kind"])}/{Str(o["roleRef"]?["name"])}"),
        Age,
        Col("Users", "Users in the roleBinding", 1, (o, _) => Subjects(o, "User")),
        Col("Groups", "Groups in the roleBinding", 1, (o, _) => Subjects(o, "Group")),
        Col("ServiceAccounts", "ServiceAccounts in the roleBinding", 1, (o, _) => Subjects(o, "ServiceAccount")),
    ];

    private static TableColumn Number(string name, string description, Func<JsonObject, long> cell) =>
        new(name, "integer", "", description, 0, (o, _) => cell(o));

    private static string Subjects(JsonObject binding, string kind) =>
        string.Join(", ", (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => Str(s["kind"]) == kind)
            .Select(s => kind == "ServiceAccount" ? $"{Str(s["namespace"])}/{Str(s["name"])}" : Str(s["name"]) ?? ""));

    /// <summary>metav1.FormatLabelSelector: <c>app=web,tier in (a,b)</c>, or <c>&lt;none&gt;</c>.</summary>
    private static string Selector(JsonObject? selector)
    {
        var parts = (selector?["matchLabels"] as JsonObject ?? []).Select(p => $"{p.Key}={Str(p.Value)}").ToList();
        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = Str(expression["key"]);
            var values = string.Join(",", (expression["values"] as JsonArray ?? []).Select(Str));
            parts.Add(Str(expression["operator"]) switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key ?? "",
                "DoesNotExist" => $"!{key}",
                var other => $"{key} {other} ({values})",
            });
        }

        return parts.Count > 0 ? string.Join(",", parts) : None;
    }
}
