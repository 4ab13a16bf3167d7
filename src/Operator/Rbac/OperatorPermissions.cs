namespace VisitCounter.Operator.Rbac;

/// <summary>
/// The single source of truth for what the operator may do in the cluster. <c>generate</c> writes these rules to
/// <c>config/rbac</c>; whoever makes the code call a new verb adds it here, and the manifest test shows the diff.
/// Every verb is one the code calls: the least-privilege test (Operator.Tests, <c>LeastPrivilegeTests</c>) drops each
/// in turn and sees the operator fail with a 403 naming it.
/// </summary>
public static class OperatorPermissions
{
    private static readonly string[] Informer = ["list", "watch"];

    /// <summary>The ClusterRole rules: everything the controller reads and writes in the namespaces it watches.</summary>
    public static IReadOnlyList<PolicyRule> ClusterRules { get; } =
    [
        // The custom resource: read by the informer; annotated (merge patch) while a storage resize is pending and
        // when rollout recovery records the pod it deleted. The status is written with PUT.
        new(["visitcounter.io"], ["visitcounterapps"], [.. Informer, "patch"]),
        new(["visitcounter.io"], ["visitcounterapps/status"], ["update"]),

        // Setting blockOwnerDeletion on a child's ownerReference requires update on the owner's finalizers
        // when the OwnerReferencesPermissionEnforcement admission plugin is on (OpenShift turns it on).
        new(["visitcounter.io"], ["visitcounterapps/finalizers"], ["update"]),

        // The children: a missing child is looked up once (get) before it is server-side applied (patch; the apply
        // that creates is authorized as create too). The StatefulSet is deleted with propagationPolicy Orphan during
        // a storage resize; Services only go with their app (garbage collector).
        new(["apps"], ["statefulsets"], ["get", .. Informer, "create", "patch", "delete"]),
        new([""], ["services"], ["get", .. Informer, "create", "patch"]),

        // Storage growth lists the claims from the API and patches each one's request; the class (by name, or the
        // default one from a list) tells whether expansion is allowed.
        new([""], ["persistentvolumeclaims"], [.. Informer, "patch"]),
        new(["storage.k8s.io"], ["storageclasses"], ["get", "list"]),

        // The optional PodDisruptionBudget child: applied like the others, deleted when spec.disruptionBudget goes.
        new(["policy"], ["poddisruptionbudgets"], ["get", .. Informer, "create", "patch", "delete"]),

        // Status: pod readiness, and the visit counts through the API server's pod proxy when running outside the
        // cluster. Get and delete: rollout recovery re-reads one pod stuck on an old revision, then deletes it.
        new([""], ["pods"], ["get", .. Informer, "delete"]),
        new([""], ["pods/proxy"], ["get"]),

        // Events shown by `kubectl describe vca`; a repeated event is patched (count, lastTimestamp).
        new([""], ["events"], ["create", "patch"]),
    ];

    /// <summary>The namespaced Role for leader election in the operator's own namespace: read, take and renew the Lease.</summary>
    public static IReadOnlyList<PolicyRule> LeaderElectionRules { get; } =
    [
        new(["coordination.k8s.io"], ["leases"], ["get", "create", "update"]),
    ];
}
