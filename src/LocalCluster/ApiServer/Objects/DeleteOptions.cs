namespace VisitCounter.LocalCluster.ApiServer.Objects;

/// <summary>How dependents are treated when their owner is deleted.</summary>
public enum PropagationPolicy
{
    /// <summary>Delete the owner now; the garbage collector deletes dependents afterwards.</summary>
    Background,
    /// <summary>Keep the owner (finalizer <c>foregroundDeletion</c>) until the garbage collector has deleted its blocking dependents.</summary>
    Foreground,
    /// <summary>Keep dependents; the garbage collector removes their owner references (finalizer <c>orphan</c>).</summary>
    Orphan,
}

/// <summary>metav1.DeleteOptions as the core honours them.</summary>
/// <param name="PropagationPolicy">Null means the resource's default (Background).</param>
/// <param name="PreconditionUid">Delete only if the live object has this uid (else 409).</param>
/// <param name="PreconditionResourceVersion">Delete only if the live object has this resourceVersion (else 409).</param>
/// <param name="GracePeriodSeconds">For pods bound to a node: 0 deletes at once; otherwise the kubelet finishes the deletion.</param>
/// <param name="DryRun">Process fully but change nothing.</param>
public sealed record DeleteOptions(
    PropagationPolicy? PropagationPolicy = null,
    string? PreconditionUid = null,
    string? PreconditionResourceVersion = null,
    long? GracePeriodSeconds = null,
    bool DryRun = false);
