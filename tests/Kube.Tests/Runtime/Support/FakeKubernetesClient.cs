using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Tests.Runtime.Support;

/// <summary>
/// An in-memory API server double: objects are stored as JSON (so callers never share instances with it),
/// resourceVersions increase, PUT with a stale resourceVersion is a 409 Conflict, merge patches apply,
/// lists come from the store, and each watch call takes the next scripted stream for its kind.
/// </summary>
public sealed class FakeKubernetesClient : IKubernetesClient
{
    private readonly Lock gate = new();
    private readonly Dictionary<(Type Type, ObjectKeyTuple Key), string> objects = [];
    private readonly ConcurrentDictionary<Type, ConcurrentQueue<Func<WatchOptions, CancellationToken, IAsyncEnumerable<object>>>> watches = new();
    private long resourceVersion = 100;

    public JsonSerializerOptions Json { get; } = KubernetesJson.Default;

    /// <summary>Every call, as "Verb Kind ns/name" (or "Verb Kind ns" for collections).</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>WatchOptions of every watch call, in order.</summary>
    public ConcurrentQueue<WatchOptions> WatchCalls { get; } = new();

    /// <summary>Called before each verb; return an exception to make that call fail.</summary>
    public Func<string, Exception?>? FailWhen { get; set; }

    /// <summary>Overrides what ListAllAsync returns for a kind (e.g. a scripted relist); null: list the store.</summary>
    public Func<Type, object?>? ListOverride { get; set; }

    /// <summary>The options of the latest list request.</summary>
    public ListOptions? LastListOptions { get; private set; }

    public long CurrentResourceVersion => Interlocked.Read(ref resourceVersion);

    public static KubernetesApiException Error(HttpStatusCode code, string reason, string message = "test") =>
        ApiErrors.ToException(code, new V1Status { Status = "Failure", Code = (int)code, Reason = reason, Message = message });

    /// <summary>Stores <paramref name="entity"/> directly (as if created by someone else); returns the stored copy.</summary>
    public TEntity Seed<TEntity>(TEntity entity)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            entity.Metadata.ResourceVersion = NextVersion();
            entity.Metadata.Uid ??= Guid.NewGuid().ToString();
            objects[(typeof(TEntity), KeyOf(entity))] = Serialize(entity);
            return Deserialize<TEntity>(objects[(typeof(TEntity), KeyOf(entity))]);
        }
    }

    public TEntity? Peek<TEntity>(string name, string? @namespace = null)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            return objects.TryGetValue((typeof(TEntity), new ObjectKeyTuple(@namespace, name)), out var json) ? Deserialize<TEntity>(json) : null;
        }
    }

    public IReadOnlyList<TEntity> All<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            return [.. objects.Where(o => o.Key.Type == typeof(TEntity)).Select(o => Deserialize<TEntity>(o.Value))];
        }
    }

    /// <summary>Queues the stream the next WatchAsync&lt;TEntity&gt; call returns.</summary>
    public void ScriptWatch<TEntity>(Func<WatchOptions, CancellationToken, IAsyncEnumerable<WatchEvent<TEntity>>> stream)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        watches.GetOrAdd(typeof(TEntity), _ => new()).Enqueue((options, ct) => Box(stream(options, ct), ct));
    }

    public Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Record<TEntity>("Get", @namespace, name);
        return Task.FromResult(Peek<TEntity>(name, @namespace));
    }

    public Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => ListAllAsync<TEntity>(@namespace, options, ct);

    public Task<EntityList<TEntity>> ListAllAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Record<TEntity>("List", @namespace, null);
        LastListOptions = options;
        if (ListOverride?.Invoke(typeof(TEntity)) is EntityList<TEntity> scripted)
        {
            return Task.FromResult(scripted);
        }

        lock (gate)
        {
            var items = objects
                .Where(o => o.Key.Type == typeof(TEntity) && (@namespace is null || o.Key.Key.Namespace == @namespace))
                .Select(o => Deserialize<TEntity>(o.Value))
                .ToList();
            return Task.FromResult(new EntityList<TEntity> { Items = items, Metadata = new V1ListMeta { ResourceVersion = CurrentResourceVersion.ToString() } });
        }
    }

    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Record<TEntity>("Create", entity.Metadata.Namespace, entity.Metadata.Name);
        lock (gate)
        {
            var key = (typeof(TEntity), KeyOf(entity));
            if (objects.ContainsKey(key))
            {
                throw Error(HttpStatusCode.Conflict, "AlreadyExists", $"{entity.Metadata.Name} already exists");
            }

            var copy = Deserialize<TEntity>(Serialize(entity));
            copy.Metadata.ResourceVersion = NextVersion();
            copy.Metadata.Uid = Guid.NewGuid().ToString();
            objects[key] = Serialize(copy);
            return Task.FromResult(Deserialize<TEntity>(objects[key]));
        }
    }

    public Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Record<TEntity>("Update", entity.Metadata.Namespace, entity.Metadata.Name);
        lock (gate)
        {
            var key = (typeof(TEntity), KeyOf(entity));
            if (!objects.TryGetValue(key, out var stored))
            {
                throw Error(HttpStatusCode.NotFound, "NotFound");
            }

            var current = Deserialize<TEntity>(stored);
            if (entity.Metadata.ResourceVersion != current.Metadata.ResourceVersion)
            {
                throw Error(HttpStatusCode.Conflict, "Conflict", "the object has been modified; please apply your changes to the latest version and try again");
            }

            var copy = Deserialize<TEntity>(Serialize(entity));
            copy.Metadata.ResourceVersion = NextVersion();
            copy.Metadata.Uid = current.Metadata.Uid;
            objects[key] = Serialize(copy);
            return Task.FromResult(Deserialize<TEntity>(objects[key]));
        }
    }

    public Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => UpdateAsync(entity, ct);

    public Task<TEntity> PatchAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Record<TEntity>("Patch", @namespace, name);
        if (patch.Type != PatchType.Merge)
        {
            throw new NotSupportedException("The fake applies merge patches only.");
        }

        lock (gate)
        {
            var key = (typeof(TEntity), new ObjectKeyTuple(@namespace, name));
            if (!objects.TryGetValue(key, out var stored))
            {
                throw Error(HttpStatusCode.NotFound, "NotFound");
            }

            var merged = MergePatch(JsonNode.Parse(stored), JsonNode.Parse(patch.Body));
            var copy = Deserialize<TEntity>(merged!.ToJsonString());
            copy.Metadata.ResourceVersion = NextVersion();
            objects[key] = Serialize(copy);
            return Task.FromResult(Deserialize<TEntity>(objects[key]));
        }
    }

    public Task<AppliedObject<TEntity>> ApplyAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => throw new NotSupportedException("The runtime tests send no server-side apply.");

    public Task<TEntity> PatchStatusAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => PatchAsync<TEntity>(name, @namespace, patch, ct);

    public Task DeleteAsync<TEntity>(string name, string? @namespace = null, V1DeleteOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Record<TEntity>("Delete", @namespace, name);
        lock (gate)
        {
            objects.Remove((typeof(TEntity), new ObjectKeyTuple(@namespace, name)));
        }

        return Task.CompletedTask;
    }

    public Task<V1Scale> GetScaleAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => throw new NotSupportedException();

    public Task<V1Scale> ReplaceScaleAsync<TEntity>(string name, string? @namespace, V1Scale scale, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => throw new NotSupportedException();

    public async IAsyncEnumerable<WatchEvent<TEntity>> WatchAsync<TEntity>(string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Record<TEntity>("Watch", @namespace, null);
        WatchCalls.Enqueue(options);
        if (!watches.TryGetValue(typeof(TEntity), out var queue) || !queue.TryDequeue(out var script))
        {
            // Unscripted: behave like a quiet, healthy server until the caller gives up.
            await Task.Delay(Timeout.Infinite, ct);
            yield break;
        }

        await foreach (var item in script(options, ct).WithCancellation(ct))
        {
            yield return (WatchEvent<TEntity>)item;
        }
    }

    public Task<string> GetRawAsync(string path, CancellationToken ct = default) => throw new NotSupportedException();

    private static async IAsyncEnumerable<object> Box<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in source.WithCancellation(ct))
        {
            yield return item!;
        }
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = MergePatch(result[name]?.DeepClone(), value);
                result[name] = merged;
            }
        }

        return result;
    }

    private void Record<TEntity>(string verb, string? @namespace, string? name)
    {
        var call = name is null ? $"{verb} {typeof(TEntity).Name} {@namespace}" : $"{verb} {typeof(TEntity).Name} {@namespace}/{name}";
        Calls.Enqueue(call.TrimEnd());
        if (FailWhen?.Invoke(call) is { } failure)
        {
            throw failure;
        }
    }

    private string NextVersion() => Interlocked.Increment(ref resourceVersion).ToString();

    private static ObjectKeyTuple KeyOf<TEntity>(TEntity entity)
        where TEntity : IKubernetesObject<V1ObjectMeta> => new(entity.Metadata.Namespace, entity.Metadata.Name!);

    private string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;

    private readonly record struct ObjectKeyTuple(string? Namespace, string Name);
}
