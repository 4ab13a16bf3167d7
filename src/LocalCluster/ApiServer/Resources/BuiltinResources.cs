namespace VisitCounter.LocalCluster.ApiServer.Resources;

/// <summary>The built-in resources this server serves, named as kube-apiserver 1.32's discovery names them.</summary>
public static class BuiltinResources
{
    private static readonly ScaleSubresource ReplicasScale = new(".spec.replicas", ".status.replicas", null);

    /// <summary>All built-in definitions, in discovery order.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new() { Ref = ResourceRef.Namespaces, Kind = "Namespace", ListKind = "NamespaceList", Singular = "namespace",
            Namespaced = false, ShortNames = ["ns"], HasStatus = true, ReturnDeletedObject = true,
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] },
        new() { Ref = ResourceRef.Pods, Kind = "Pod", ListKind = "PodList", Singular = "pod", Namespaced = true,
            ShortNames = ["po"], Categories = ["all"], HasStatus = true, ReturnDeletedObject = true },
        new() { Ref = ResourceRef.Services, Kind = "Service", ListKind = "ServiceList", Singular = "service",
            Namespaced = true, ShortNames = ["svc"], Categories = ["all"], HasStatus = true, ReturnDeletedObject = true,
            Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] },
        new() { Ref = ResourceRef.PersistentVolumeClaims, Kind = "PersistentVolumeClaim", ListKind = "PersistentVolumeClaimList",
            Singular = "persistentvolumeclaim", Namespaced = true, ShortNames = ["pvc"], HasStatus = true, ReturnDeletedObject = true },
        new() { Ref = ResourceRef.Events, Kind = "Event", ListKind = "EventList", Singular = "event", Namespaced = true,
            ShortNames = ["ev"] },
        new() { Ref = ResourceRef.StatefulSets, Kind = "StatefulSet", ListKind = "StatefulSetList", Singular = "statefulset",
            Namespaced = true, ShortNames = ["sts"], Categories = ["all"], HasStatus = true, Scale = ReplicasScale },
        new() { Ref = ResourceRef.PodDisruptionBudgets, Kind = "PodDisruptionBudget", ListKind = "PodDisruptionBudgetList",
            Singular = "poddisruptionbudget", Namespaced = true, ShortNames = ["pdb"], HasStatus = true },
        new() { Ref = ResourceRef.Leases, Kind = "Lease", ListKind = "LeaseList", Singular = "lease", Namespaced = true },
        new() { Ref = ResourceRef.StorageClasses, Kind = "StorageClass", ListKind = "StorageClassList", Singular = "storageclass",
            Namespaced = false, ShortNames = ["sc"] },
        new() { Ref = ResourceRef.CustomResourceDefinitions, Kind = "CustomResourceDefinition",
            ListKind = "CustomResourceDefinitionList", Singular = "customresourcedefinition", Namespaced = false,
            ShortNames = ["crd", "crds"], HasStatus = true },
    ];
}
