using System.Collections.Concurrent;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;

namespace VisitCounter.Kube.Tests.Runtime.Support;

/// <summary>
/// An entity controller whose behaviour each test scripts; it records every call and the highest number of calls
/// that were in flight together, overall and for any single object.
/// </summary>
public sealed class ScriptedController<T> : IEntityController<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> inFlightPerKey = [];
    private int inFlight;

    public Func<T, CancellationToken, Task<ReconciliationResult<T>>> OnReconcile { get; set; } =
        (entity, _) => Task.FromResult(ReconciliationResult<T>.Success(entity));

    public Func<T, CancellationToken, Task<ReconciliationResult<T>>> OnDeleted { get; set; } =
        (entity, _) => Task.FromResult(ReconciliationResult<T>.Success(entity));

    /// <summary>"reconcile ns/name@rv" or "deleted ns/name@rv", in call order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public int MaxInFlight { get; private set; }

    public int MaxInFlightForOneKey { get; private set; }

    public Task<ReconciliationResult<T>> ReconcileAsync(T entity, CancellationToken cancellationToken) =>
        Track("reconcile", entity, () => OnReconcile(entity, cancellationToken));

    public Task<ReconciliationResult<T>> DeletedAsync(T entity, CancellationToken cancellationToken) =>
        Track("deleted", entity, () => OnDeleted(entity, cancellationToken));

    private async Task<ReconciliationResult<T>> Track(string verb, T entity, Func<Task<ReconciliationResult<T>>> call)
    {
        var key = $"{entity.Metadata.Namespace}/{entity.Metadata.Name}";
        lock (gate)
        {
            inFlight++;
            inFlightPerKey[key] = inFlightPerKey.GetValueOrDefault(key) + 1;
            MaxInFlight = Math.Max(MaxInFlight, inFlight);
            MaxInFlightForOneKey = Math.Max(MaxInFlightForOneKey, inFlightPerKey[key]);
        }

        Calls.Enqueue($"{verb} {key}@{entity.Metadata.ResourceVersion}");
        try
        {
            return await call();
        }
        finally
        {
            lock (gate)
            {
                inFlight--;
                inFlightPerKey[key]--;
            }
        }
    }
}
