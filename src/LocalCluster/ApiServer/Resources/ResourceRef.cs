namespace VisitCounter.LocalCluster.ApiServer.Resources;

/// <summary>
/// Names one served resource by group, version and plural resource name (a Kubernetes "GVR"),
/// e.g. <c>apps/v1 statefulsets</c> or <c>v1 pods</c> (the core group is the empty string).
/// </summary>
public sealed record ResourceRef(string Group, string Version, string Resource)
{
    /// <summary>The <c>apiVersion</c> objects of this resource carry: <c>v1</c> or <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name used in error messages and Status details: <c>pods</c> or <c>statefulsets.apps</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    /// <summary>core/v1 namespaces.</summary>
    public static ResourceRef Namespaces { get; } = new("", "v1", "namespaces");
    /// <summary>core/v1 pods.</summary>
    public static ResourceRef Pods { get; } = new("", "v1", "pods");
    /// <summary>core/v1 services.</summary>
    public static ResourceRef Services { get; } = new("", "v1", "services");
    /// <summary>core/v1 persistentvolumeclaims.</summary>
    public static ResourceRef PersistentVolumeClaims { get; } = new("", "v1", "persistentvolumeclaims");
    /// <summary>core/v1 events.</summary>
    public static ResourceRef Events { get; } = new("", "v1", "events");
    /// <summary>apps/v1 statefulsets.</summary>
    public static ResourceRef StatefulSets { get; } = new("apps", "v1", "statefulsets");
    /// <summary>policy/v1 poddisruptionbudgets.</summary>
    public static ResourceRef PodDisruptionBudgets { get; } = new("policy", "v1", "poddisruptionbudgets");
    /// <summary>coordination.k8s.io/v1 leases.</summary>
    public static ResourceRef Leases { get; } = new("coordination.k8s.io", "v1", "leases");
    /// <summary>storage.k8s.io/v1 storageclasses.</summary>
    public static ResourceRef StorageClasses { get; } = new("storage.k8s.io", "v1", "storageclasses");
    /// <summary>apiextensions.k8s.io/v1 customresourcedefinitions.</summary>
    public static ResourceRef CustomResourceDefinitions { get; } = new("apiextensions.k8s.io", "v1", "customresourcedefinitions");

    /// <summary>core/v1 secrets.</summary>
    public static ResourceRef Secrets { get; } = new("", "v1", "secrets");
    /// <summary>core/v1 configmaps.</summary>
    public static ResourceRef ConfigMaps { get; } = new("", "v1", "configmaps");
    /// <summary>core/v1 serviceaccounts.</summary>
    public static ResourceRef ServiceAccounts { get; } = new("", "v1", "serviceaccounts");
    /// <summary>apps/v1 deployments.</summary>
    public static ResourceRef Deployments { get; } = new("apps", "v1", "deployments");
    /// <summary>apps/v1 replicasets.</summary>
    public static ResourceRef ReplicaSets { get; } = new("apps", "v1", "replicasets");
    /// <summary>rbac.authorization.k8s.io/v1 roles.</summary>
    public static ResourceRef Roles { get; } = new("rbac.authorization.k8s.io", "v1", "roles");
    /// <summary>rbac.authorization.k8s.io/v1 clusterroles.</summary>
    public static ResourceRef ClusterRoles { get; } = new("rbac.authorization.k8s.io", "v1", "clusterroles");
    /// <summary>rbac.authorization.k8s.io/v1 rolebindings.</summary>
    public static ResourceRef RoleBindings { get; } = new("rbac.authorization.k8s.io", "v1", "rolebindings");
    /// <summary>rbac.authorization.k8s.io/v1 clusterrolebindings.</summary>
    public static ResourceRef ClusterRoleBindings { get; } = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings");
    /// <summary>authorization.k8s.io/v1 selfsubjectaccessreviews (create-only).</summary>
    public static ResourceRef SelfSubjectAccessReviews { get; } = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews");
    /// <summary>authorization.k8s.io/v1 subjectaccessreviews (create-only).</summary>
    public static ResourceRef SubjectAccessReviews { get; } = new("authorization.k8s.io", "v1", "subjectaccessreviews");
    /// <summary>authorization.k8s.io/v1 selfsubjectrulesreviews (create-only).</summary>
    public static ResourceRef SelfSubjectRulesReviews { get; } = new("authorization.k8s.io", "v1", "selfsubjectrulesreviews");

    /// <inheritdoc />
    public override string ToString() => $"{ApiVersion} {Resource}";
}
