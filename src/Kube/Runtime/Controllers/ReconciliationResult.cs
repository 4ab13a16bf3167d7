using System.Diagnostics.CodeAnalysis;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>
/// The outcome of one reconciliation (KubeOps v13's shape): success or failure, with the entity and an optional requeue delay.
/// A failure without a delay is retried with per-key exponential backoff; a success with a delay is retried after exactly that delay.
/// </summary>
/// <typeparam name="TEntity">The reconciled kind.</typeparam>
public sealed record ReconciliationResult<TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    private ReconciliationResult(TEntity entity, bool isSuccess, string? errorMessage, Exception? error, TimeSpan? requeueAfter)
    {
        Entity = entity;
        IsSuccess = isSuccess;
        ErrorMessage = errorMessage;
        Error = error;
        RequeueAfter = requeueAfter;
    }

    /// <summary>The entity as the controller left it.</summary>
    public TEntity Entity { get; }

    /// <summary>True for <see cref="Success"/>; when false, <see cref="ErrorMessage"/> is set.</summary>
    [MemberNotNullWhen(false, nameof(ErrorMessage))]
    public bool IsSuccess { get; }

    /// <summary>True for <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(ErrorMessage))]
    public bool IsFailure => !IsSuccess;

    /// <summary>What went wrong, for logs; null on success.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The exception behind a failure, if any.</summary>
    public Exception? Error { get; }

    /// <summary>
    /// True for <see cref="Retry"/>: a failure nobody has to act on (the API server was busy, an object was being
    /// replaced). It is retried like any failure but logged at Debug, not as a warning.
    /// </summary>
    public bool IsTransient { get; private init; }

    /// <summary>Reconcile again after this delay (null: only when something changes, or with backoff after a failure).</summary>
    public TimeSpan? RequeueAfter { get; init; }

    /// <summary>The entity is reconciled; optionally look again after <paramref name="requeueAfter"/>.</summary>
    public static ReconciliationResult<TEntity> Success(TEntity entity, TimeSpan? requeueAfter = null) =>
        new(entity, true, null, null, requeueAfter);

    /// <summary>
    /// Reconciliation failed. Without <paramref name="requeueAfter"/> the key is retried with exponential backoff
    /// (5 ms doubling up to 1000 s); with it, after exactly that delay.
    /// </summary>
    public static ReconciliationResult<TEntity> Failure(TEntity entity, string errorMessage, Exception? error = null, TimeSpan? requeueAfter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorMessage);
        return new(entity, false, errorMessage, error, requeueAfter);
    }

    /// <summary>
    /// A transient failure (429, 5xx, a timeout, a conflict): retried after <paramref name="retryAfter"/> when the
    /// server asked for it (<c>Retry-After</c>), else with the per-key exponential backoff; logged at Debug.
    /// </summary>
    public static ReconciliationResult<TEntity> Retry(TEntity entity, string reason, Exception? error = null, TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(entity, false, reason, error, retryAfter) { IsTransient = true };
    }
}
