namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The <c>type</c> of each metav1.Condition the operator maintains in <see cref="VisitCounterAppStatus.Conditions"/>.</summary>
public static class VisitCounterAppConditionTypes
{
    /// <summary>True when all desired replicas are ready and updated.</summary>
    public const string Ready = "Ready";

    /// <summary>True while the operator or the StatefulSet is moving towards the spec (rollout, scaling, storage resize).</summary>
    public const string Progressing = "Progressing";

    /// <summary>True when the spec is invalid or cannot be applied; the message says what to change.</summary>
    public const string Degraded = "Degraded";

    /// <summary>
    /// True when the API server did not keep a field the operator applied (a feature gate that is off): the app runs
    /// without it, so it stays Ready; the message names the field and the likely feature gate.
    /// </summary>
    public const string FieldsDropped = "FieldsDropped";

    /// <summary>
    /// kstatus's "in progress" condition (abnormal-true), read by <c>helm install --wait</c>, Flux and kpt: True while
    /// the app moves towards its spec, with <see cref="Progressing"/>'s reason and message; False once it is there or
    /// when it cannot move (then <see cref="Stalled"/> is True).
    /// </summary>
    public const string Reconciling = "Reconciling";

    /// <summary>
    /// kstatus's "failed" condition (abnormal-true): True when the app cannot reach its spec until a person acts (the
    /// problem <see cref="Degraded"/> names, or a rollout stuck on a broken pod); its reason and message say what to do.
    /// </summary>
    public const string Stalled = "Stalled";

    /// <summary>All condition types, in the order they are written to the status.</summary>
    public static IReadOnlyList<string> All { get; } = [Ready, Progressing, Degraded, FieldsDropped, Reconciling, Stalled];
}
