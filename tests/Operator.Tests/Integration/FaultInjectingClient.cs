using System.Net;
using System.Runtime.CompilerServices;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Tests.Integration;

/// <summary>
/// The operator's API client behind a bad network and an overloaded server: a share of the calls fails with 500,
/// 429 with Retry-After, or a connection reset, either before the request reaches the server or (for resets) after
/// the server acted and the response was lost, which is what makes duplicates possible. Watches are cut the same way.
/// Seeded, so a failing run can be replayed.
/// </summary>
public sealed class FaultInjectingClient(IKubernetesClient inner, double failureRate, int seed) : IKubernetesClient
{
    private readonly Random random = new(seed);
    private readonly Lock gate = new();
    private int calls;
    private int faults;

    /// <summary>Calls made and faults injected so far.</summary>
    public (int Calls, int Faults) Counts
    {
        get
        {
            lock (gate)
            {
                return (calls, faults);
            }
        }
    }

    public Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.GetAsync<TEntity>(name, @namespace, ct));

    public Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.ListAsync<TEntity>(@namespace, options, ct));

    public Task<EntityList<TEntity>> ListAllAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.ListAllAsync<TEntity>(@namespace, options, ct));

    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.CreateAsync(entity, ct));

    public Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.UpdateAsync(entity, ct));

    public Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.UpdateStatusAsync(entity, ct));

    public Task<TEntity> PatchAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.PatchAsync<TEntity>(name, @namespace, patch, ct));

    public Task<AppliedObject<TEntity>> ApplyAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.ApplyAsync<TEntity>(name, @namespace, patch, ct));

    public Task<TEntity> PatchStatusAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.PatchStatusAsync<TEntity>(name, @namespace, patch, ct));

    public Task DeleteAsync<TEntity>(string name, string? @namespace = null, V1DeleteOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(async () =>
        {
            await inner.DeleteAsync<TEntity>(name, @namespace, options, ct);
            return true;
        });

    public Task<V1Scale> GetScaleAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.GetScaleAsync<TEntity>(name, @namespace, ct));

    public Task<V1Scale> ReplaceScaleAsync<TEntity>(string name, string? @namespace, V1Scale scale, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => CallAsync(() => inner.ReplaceScaleAsync<TEntity>(name, @namespace, scale, ct));

    public async IAsyncEnumerable<WatchEvent<TEntity>> WatchAsync<TEntity>(string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (Next() is { } fault)
        {
            await Task.Yield();
            throw fault.Error;
        }

        await foreach (var item in inner.WatchAsync<TEntity>(@namespace, options, ct))
        {
            yield return item;
        }
    }

    public Task<string> GetRawAsync(string path, CancellationToken ct = default) => CallAsync(() => inner.GetRawAsync(path, ct));

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        var fault = Next();
        if (fault is { AfterServerActed: false })
        {
            throw fault.Error;
        }

        var result = await call();
        return fault is null ? result : throw fault.Error;
    }

    private Fault? Next()
    {
        lock (gate)
        {
            calls++;
            if (random.NextDouble() >= failureRate)
            {
                return null;
            }

            faults++;
            return random.Next(4) switch
            {
                0 => new Fault(new ServerErrorException(HttpStatusCode.InternalServerError, Status(500, "InternalError", "Internal error occurred: injected fault")), false),
                1 => new Fault(new ServerErrorException(HttpStatusCode.TooManyRequests, Status(429, "TooManyRequests", "injected: too many requests", retryAfterSeconds: 1)), false),
                2 => new Fault(new HttpRequestException("Connection reset by peer (injected, before the request)"), false),
                _ => new Fault(new HttpRequestException("Connection reset by peer (injected, response lost)"), true),
            };
        }
    }

    private static V1Status Status(int code, string reason, string message, int? retryAfterSeconds = null) =>
        new() { Status = "Failure", Code = code, Reason = reason, Message = message, Details = retryAfterSeconds is { } s ? new V1StatusDetails { RetryAfterSeconds = s } : null };

    private sealed record Fault(Exception Error, bool AfterServerActed);
}
