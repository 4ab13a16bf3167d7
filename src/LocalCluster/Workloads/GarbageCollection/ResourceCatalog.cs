using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.Workloads.GarbageCollection;

/// <summary>
/// The resources whose objects can own or be owned: the built-in kinds the local server serves, plus every served
/// version of every custom resource its CRDs define (the garbage collector's discovery, read from the store).
/// </summary>
internal static class ResourceCatalog
{
    private static readonly ResourceRef[] Builtins =
    [
        ResourceRef.Pods, ResourceRef.Services, ResourceRef.PersistentVolumeClaims, ResourceRef.StatefulSets, ResourceRef.PodDisruptionBudgets,
        ResourceRef.Leases, ResourceRef.Events, ResourceRef.CustomResourceDefinitions, ResourceRef.StorageClasses,
        ResourceRef.Deployments, ResourceRef.ReplicaSets, ResourceRef.Secrets, ResourceRef.ConfigMaps, ResourceRef.ServiceAccounts,
        ResourceRef.Roles, ResourceRef.RoleBindings, ResourceRef.ClusterRoles, ResourceRef.ClusterRoleBindings,
    ];

    public static IReadOnlyList<ResourceRef> All(IObjectStore store)
    {
        var resources = new List<ResourceRef>(Builtins);
        foreach (var crd in store.List(ResourceRef.CustomResourceDefinitions, null))
        {
            var group = crd["spec"]?["group"]?.GetValue<string>();
            var plural = crd["spec"]?["names"]?["plural"]?.GetValue<string>();
            var storage = (crd["spec"]?["versions"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(v => v["storage"]?.GetValue<bool>() == true && v["served"]?.GetValue<bool>() != false)
                ?["name"]?.GetValue<string>();
            if (group is not null && plural is not null && storage is not null && IsEstablished(crd))
            {
                // One version is enough: every version of a custom resource is the same stored object.
                resources.Add(new ResourceRef(group, storage, plural));
            }
        }

        return resources;
    }

    private static bool IsEstablished(JsonObject crd) =>
        (crd["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
        .Any(c => c["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True");
}
