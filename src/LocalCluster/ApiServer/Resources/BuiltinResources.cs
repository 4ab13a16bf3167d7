namespace VisitCounter.LocalCluster.ApiServer.Resources;

/// <summary>The built-in resources this server serves, named as kube-apiserver 1.32's discovery names them.</summary>
public static class BuiltinResources
{
    private static readonly ScaleSubresource ReplicasScale = new(".spec.replicas", ".status.replicas", null);
    private static readonly IReadOnlyList<string> CreateOnly = ["create"];

    /// <summary>All built-in definitions, in discovery order.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new() { Ref = ResourceRef.Namespaces, Kind = "Namespace", ListKind = "NamespaceList", Singular = "namespace",
            Namespaced = false, ShortNames = ["ns"], HasStatus = true, ReturnDeletedObject = true,
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] },
        new() { Ref = ResourceRef.Pods, Kind = "Pod", ListKind = "PodList", Singular = "pod", Namespaced = true,
            ShortNames = ["po"], Categories = ["all"], HasStatus = true, ReturnDeletedObject = true,
            Subresources = [new("eviction", "policy", "v1", "Eviction", ["create"])] },
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
        new() { Ref = ResourceRef.Secrets, Kind = "Secret", ListKind = "SecretList", Singular = "secret", Namespaced = true },
        new() { Ref = ResourceRef.ConfigMaps, Kind = "ConfigMap", ListKind = "ConfigMapList", Singular = "configmap", Namespaced = true,
            ShortNames = ["cm"] },
        new() { Ref = ResourceRef.ServiceAccounts, Kind = "ServiceAccount", ListKind = "ServiceAccountList", Singular = "serviceaccount",
            Namespaced = true, ShortNames = ["sa"],
            Subresources = [new("token", "authentication.k8s.io", "v1", "TokenRequest", ["create"])] },
        new() { Ref = ResourceRef.Deployments, Kind = "Deployment", ListKind = "DeploymentList", Singular = "deployment",
            Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], HasStatus = true, Scale = ReplicasScale },
        new() { Ref = ResourceRef.ReplicaSets, Kind = "ReplicaSet", ListKind = "ReplicaSetList", Singular = "replicaset",
            Namespaced = true, ShortNames = ["rs"], Categories = ["all"], HasStatus = true, Scale = ReplicasScale },
        new() { Ref = ResourceRef.ClusterRoleBindings, Kind = "ClusterRoleBinding", ListKind = "ClusterRoleBindingList",
            Singular = "clusterrolebinding", Namespaced = false },
        new() { Ref = ResourceRef.ClusterRoles, Kind = "ClusterRole", ListKind = "ClusterRoleList", Singular = "clusterrole", Namespaced = false },
        new() { Ref = ResourceRef.RoleBindings, Kind = "RoleBinding", ListKind = "RoleBindingList", Singular = "rolebinding", Namespaced = true },
        new() { Ref = ResourceRef.Roles, Kind = "Role", ListKind = "RoleList", Singular = "role", Namespaced = true },
        new() { Ref = ResourceRef.SelfSubjectAccessReviews, Kind = "SelfSubjectAccessReview", ListKind = "SelfSubjectAccessReviewList",
            Singular = "selfsubjectaccessreview", Namespaced = false, Verbs = CreateOnly, IsReview = true },
        new() { Ref = ResourceRef.SelfSubjectRulesReviews, Kind = "SelfSubjectRulesReview", ListKind = "SelfSubjectRulesReviewList",
            Singular = "selfsubjectrulesreview", Namespaced = false, Verbs = CreateOnly, IsReview = true },
        new() { Ref = ResourceRef.SubjectAccessReviews, Kind = "SubjectAccessReview", ListKind = "SubjectAccessReviewList",
            Singular = "subjectaccessreview", Namespaced = false, Verbs = CreateOnly, IsReview = true },
        new() { Ref = ResourceRef.CustomResourceDefinitions, Kind = "CustomResourceDefinition",
            ListKind = "CustomResourceDefinitionList", Singular = "customresourcedefinition", Namespaced = false,
            ShortNames = ["crd", "crds"], HasStatus = true },
    ];
}
