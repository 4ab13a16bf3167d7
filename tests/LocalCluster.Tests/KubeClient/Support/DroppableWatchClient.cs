using System.Runtime.CompilerServices;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.LocalCluster.Tests.KubeClient.Support;

/// <summary>
/// Passes every call to a real client, but lets a test cut the open watch stream (as a dropped connection looks to the
/// caller: the stream just ends) and hold new watches back until it reopens the way. It also records what the caller asked.
/// </summary>
public sealed class DroppableWatchClient(IKubernetesClient inner) : IKubernetesClient
{
    private readonly Lock gate = new();
    private readonly List<string?> watchVersions = [];
    private TaskCompletionSource open = Opened();
    private CancellationTokenSource current = new();
    private int lists;

    /// <summary>The resourceVersion of every watch request, in order.</summary>
    public IReadOnlyList<string?> WatchVersions
    {
        get
        {
            lock (gate)
            {
                return [.. watchVersions];
            }
        }
    }

    /// <summary>How many full lists (ListAllAsync) were made.</summary>
    public int Lists => Volatile.Read(ref lists);

    /// <summary>Ends the open watch stream and makes the next watch wait for <see cref="Reconnect"/>.</summary>
    public void Disconnect()
    {
        lock (gate)
        {
            if (open.Task.IsCompleted)
            {
                open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            current.Cancel();
        }
    }

    /// <summary>Lets waiting and future watches through.</summary>
    public void Reconnect()
    {
        lock (gate)
        {
            open.TrySetResult();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WatchEvent<TEntity>> WatchAsync<TEntity>(
        string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Task wait;
        lock (gate)
        {
            wait = open.Task;
        }

        await wait.WaitAsync(ct);
        CancellationTokenSource drop;
        lock (gate)
        {
            watchVersions.Add(options.ResourceVersion);
            current = CancellationTokenSource.CreateLinkedTokenSource(ct);
            drop = current;
        }

        var events = inner.WatchAsync<TEntity>(@namespace, options, drop.Token).GetAsyncEnumerator(drop.Token);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (OperationCanceledException) when (drop.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                yield return events.Current;
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public Task<EntityList<TEntity>> ListAllAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Interlocked.Increment(ref lists);
        return inner.ListAllAsync<TEntity>(@namespace, options, ct);
    }

    /// <inheritdoc />
    public Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.GetAsync<TEntity>(name, @namespace, ct);

    /// <inheritdoc />
    public Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.ListAsync<TEntity>(@namespace, options, ct);

    /// <inheritdoc />
    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.CreateAsync(entity, ct);

    /// <inheritdoc />
    public Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.UpdateAsync(entity, ct);

    /// <inheritdoc />
    public Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.UpdateStatusAsync(entity, ct);

    /// <inheritdoc />
    public Task<TEntity> PatchAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.PatchAsync<TEntity>(name, @namespace, patch, ct);

    public Task<AppliedObject<TEntity>> ApplyAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.ApplyAsync<TEntity>(name, @namespace, patch, ct);

    /// <inheritdoc />
    public Task<TEntity> PatchStatusAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.PatchStatusAsync<TEntity>(name, @namespace, patch, ct);

    /// <inheritdoc />
    public Task DeleteAsync<TEntity>(string name, string? @namespace = null, V1DeleteOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.DeleteAsync<TEntity>(name, @namespace, options, ct);

    /// <inheritdoc />
    public Task<V1Scale> GetScaleAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.GetScaleAsync<TEntity>(name, @namespace, ct);

    /// <inheritdoc />
    public Task<V1Scale> ReplaceScaleAsync<TEntity>(string name, string? @namespace, V1Scale scale, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => inner.ReplaceScaleAsync<TEntity>(name, @namespace, scale, ct);

    /// <inheritdoc />
    public Task<string> GetRawAsync(string path, CancellationToken ct = default) => inner.GetRawAsync(path, ct);

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
