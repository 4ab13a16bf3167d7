namespace VisitCounter.Operator.Rbac;

/// <summary>
/// The single source of truth for what the operator may do in the cluster. <c>generate</c> writes these rules to
/// <c>config/rbac</c>; whoever makes the code call a new verb adds it here, and the manifest test shows the diff.
/// </summary>
public static class OperatorPermissions
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];
    private static readonly string[] OwnVerbs = ["get", "list", "watch", "create", "update", "patch", "delete"];

    /// <summary>The ClusterRole rules: everything the controller reads and writes in the namespaces it watches.</summary>
    public static IReadOnlyList<PolicyRule> ClusterRules { get; } =
    [
        // The custom resource: read from the informer, annotated while a storage resize is pending.
        new(["visitcounter.io"], ["visitcounterapps"], ["get", "list", "watch", "update", "patch"]),
        new(["visitcounter.io"], ["visitcounterapps/status"], ["get", "update", "patch"]),

        // Setting blockOwnerDeletion on a child's ownerReference requires update on the owner's finalizers
        // when the OwnerReferencesPermissionEnforcement admission plugin is on.
        new(["visitcounter.io"], ["visitcounterapps/finalizers"], ["update"]),

        // The children: server-side applied (patch; create when the apply creates), deleted with propagationPolicy Orphan during a resize.
        new(["apps"], ["statefulsets"], OwnVerbs),
        new([""], ["services"], OwnVerbs),

        // Storage growth patches each existing claim's request; the class tells whether expansion is allowed.
        new([""], ["persistentvolumeclaims"], ["get", "list", "watch", "patch"]),
        new(["storage.k8s.io"], ["storageclasses"], ReadVerbs),

        // The optional PodDisruptionBudget child: server-side applied (patch; a real API server authorizes the apply
        // that first creates it as create), deleted when spec.disruptionBudget goes.
        new(["policy"], ["poddisruptionbudgets"], ["get", "list", "watch", "create", "patch", "delete"]),

        // Status: pod readiness, and the visit counts through the API server's pod proxy when running outside the
        // cluster. Delete: rollout recovery removes one pod stuck on an old revision (spec.rolloutRecovery).
        new([""], ["pods"], ["get", "list", "watch", "delete"]),
        new([""], ["pods/proxy"], ["get"]),

        // Events shown by `kubectl describe vca`.
        new([""], ["events"], ["create", "patch"]),
    ];

    /// <summary>The namespaced Role for leader election in the operator's own namespace.</summary>
    public static IReadOnlyList<PolicyRule> LeaderElectionRules { get; } =
    [
        new(["coordination.k8s.io"], ["leases"], OwnVerbs),
        new([""], ["events"], ["create", "patch"]),
    ];
}
