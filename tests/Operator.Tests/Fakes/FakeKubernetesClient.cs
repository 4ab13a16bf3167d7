using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.Operator.Drift;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Operator.Tests.Fakes;

/// <summary>One write the controller sent to the fake API server.</summary>
public sealed record WriteRecord(string Verb, string Kind, string Name, string? Body = null, V1DeleteOptions? DeleteOptions = null);

/// <summary>
/// An in-memory API server behind <see cref="IKubernetesClient"/>: objects are stored as JSON, get uids, resourceVersions,
/// generations and a few server defaults, updates are checked for stale resourceVersions, and every write is recorded
/// so tests can count them.
/// </summary>
public sealed class FakeKubernetesClient : IKubernetesClient
{
    private readonly Dictionary<(string Kind, string? Namespace, string Name), JsonObject> objects = [];
    private readonly object gate = new();
    private long resourceVersion = 100;
    private int reads;

    /// <summary>GETs and LISTs sent to this fake API server (cache reads do not count).</summary>
    public int Reads => Volatile.Read(ref reads);

    /// <summary>Every write, in order.</summary>
    public List<WriteRecord> Writes { get; } = [];

    /// <summary>Fails chosen writes: given (verb, kind), return the exception to throw, or null to let the write through.</summary>
    public Func<string, string, Exception?>? Fault { get; set; }

    /// <summary>Fields the server does not keep (a feature gate that is off), by model type name and path.</summary>
    public List<(string Kind, string Path)> DroppedPaths { get; } = [];

    /// <summary>Whether to add server defaults (clusterIP, terminationMessagePath, ...) the controller never sets.</summary>
    public bool ApplyServerDefaults { get; set; } = true;

    /// <summary>Stores an object directly (test setup); not counted as a write.</summary>
    public T Seed<T>(T entity) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            var node = OperatorJson.ToNode(entity);
            Stamp(node, isCreate: true);
            objects[Key<T>(entity.Metadata.Namespace, entity.Metadata.Name!)] = node;
            return OperatorJson.FromNode<T>(node);
        }
    }

    /// <summary>The stored object, or null.</summary>
    public T? Find<T>(string name, string? @namespace) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            return objects.TryGetValue(Key<T>(@namespace, name), out var node) ? OperatorJson.FromNode<T>(node) : default;
        }
    }

    /// <summary>Changes a stored object out of band (a user's hand edit or a workload controller); not counted as a write.</summary>
    public void Mutate<T>(string name, string? @namespace, Action<T> change) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            var key = Key<T>(@namespace, name);
            var entity = OperatorJson.FromNode<T>(objects[key]);
            change(entity);
            var node = OperatorJson.ToNode(entity);
            node["metadata"]!["resourceVersion"] = NextVersion();
            objects[key] = node;
        }
    }

    /// <summary>Changes a stored object's JSON out of band (fields the typed models do not name); not counted as a write.</summary>
    public void MutateJson<T>(string name, string? @namespace, Action<JsonObject> change) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            var node = objects[Key<T>(@namespace, name)];
            change(node);
            node["metadata"]!["resourceVersion"] = NextVersion();
        }
    }

    /// <summary>Removes a stored object out of band; not counted as a write.</summary>
    public void Remove<T>(string name, string? @namespace) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            objects.Remove(Key<T>(@namespace, name));
        }
    }

    /// <summary>The writes of one verb.</summary>
    public IEnumerable<WriteRecord> WritesOf(string verb) => Writes.Where(w => w.Verb == verb);

    public Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Interlocked.Increment(ref reads);
        lock (gate)
        {
            return Task.FromResult(objects.TryGetValue(Key<TEntity>(@namespace, name), out var node) ? OperatorJson.FromNode<TEntity>(node) : default);
        }
    }

    public Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Interlocked.Increment(ref reads);
        return Task.FromResult(Query<TEntity>(@namespace, options?.LabelSelector));
    }

    /// <summary>The stored objects of a kind matching an equality selector; not counted as a read (the caches use it).</summary>
    public EntityList<TEntity> Query<TEntity>(string? @namespace, string? labelSelector)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            var selector = ParseSelector(labelSelector);
            var items = objects
                .Where(p => p.Key.Kind == typeof(TEntity).Name && (@namespace is null || p.Key.Namespace == @namespace))
                .OrderBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => OperatorJson.FromNode<TEntity>(p.Value))
                .Where(e => selector.All(s => e.Metadata.Labels?.TryGetValue(s.Key, out var v) == true && v == s.Value))
                .ToList();
            return new EntityList<TEntity> { Items = items, Metadata = new V1ListMeta { ResourceVersion = resourceVersion.ToString(CultureInfo.InvariantCulture) } };
        }
    }

    public Task<EntityList<TEntity>> ListAllAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => ListAsync<TEntity>(@namespace, options, ct);

    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            ThrowIfFaulted("create", typeof(TEntity).Name);
            var key = Key<TEntity>(entity.Metadata.Namespace, entity.Metadata.Name!);
            if (objects.ContainsKey(key))
            {
                throw new AlreadyExistsException(HttpStatusCode.Conflict, Status(409, "AlreadyExists", $"{entity.Kind} {entity.Metadata.Name} already exists"));
            }

            var node = OperatorJson.ToNode(entity);
            Stamp(node, isCreate: true);
            AddServerDefaults(typeof(TEntity).Name, node);
            objects[key] = node;
            Writes.Add(new WriteRecord("create", typeof(TEntity).Name, entity.Metadata.Name!, node.ToJsonString()));
            return Task.FromResult(OperatorJson.FromNode<TEntity>(node));
        }
    }

    public Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            ThrowIfFaulted("update", typeof(TEntity).Name);
            var (key, stored) = Existing<TEntity>(entity.Metadata.Namespace, entity.Metadata.Name!);
            CheckVersion(stored, entity.Metadata.ResourceVersion);
            var node = OperatorJson.ToNode(entity);

            // Like a real server with a status subresource: a main-resource update never changes status.
            node.Remove("status");
            if (stored["status"] is { } status)
            {
                node["status"] = status.DeepClone();
            }

            node["metadata"]!["uid"] = stored["metadata"]!["uid"]!.DeepClone();
            var specChanged = !JsonNode.DeepEquals(node["spec"], stored["spec"]);
            node["metadata"]!["generation"] = (stored["metadata"]!["generation"]?.GetValue<long>() ?? 1) + (specChanged ? 1 : 0);
            node["metadata"]!["resourceVersion"] = NextVersion();
            AddServerDefaults(typeof(TEntity).Name, node);
            objects[key] = node;
            Writes.Add(new WriteRecord("update", typeof(TEntity).Name, entity.Metadata.Name!, node.ToJsonString()));
            return Task.FromResult(OperatorJson.FromNode<TEntity>(node));
        }
    }

    public Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            ThrowIfFaulted("update-status", typeof(TEntity).Name);
            var (key, stored) = Existing<TEntity>(entity.Metadata.Namespace, entity.Metadata.Name!);
            CheckVersion(stored, entity.Metadata.ResourceVersion);
            var node = (JsonObject)stored.DeepClone();
            node["status"] = OperatorJson.ToNode(entity)["status"]?.DeepClone();
            node["metadata"]!["resourceVersion"] = NextVersion();
            objects[key] = node;
            Writes.Add(new WriteRecord("update-status", typeof(TEntity).Name, entity.Metadata.Name!, node["status"]?.ToJsonString()));
            return Task.FromResult(OperatorJson.FromNode<TEntity>(node));
        }
    }

    public Task<TEntity> PatchAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (patch.Type == PatchType.Apply)
        {
            return Task.FromResult(Apply<TEntity>(name, @namespace, patch).Object);
        }

        lock (gate)
        {
            ThrowIfFaulted("patch", typeof(TEntity).Name);
            Assert.Equal(PatchType.Merge, patch.Type);
            var (key, stored) = Existing<TEntity>(@namespace, name);
            // The local API server's RFC 7386 implementation, so the fake merges exactly as the real server path does.
            var node = (JsonObject)JsonMergePatch.Apply(stored.DeepClone(), JsonNode.Parse(patch.Body))!;
            node["metadata"]!["resourceVersion"] = NextVersion();
            objects[key] = node;
            Writes.Add(new WriteRecord("patch", typeof(TEntity).Name, name, patch.Body));
            return Task.FromResult(OperatorJson.FromNode<TEntity>(node));
        }
    }

    /// <summary>
    /// Server-side apply with the local API server's implementation (ownership in managedFields, merge keys from the
    /// built-in schemas): creates a missing object, bumps the generation on a spec change, and drops <see cref="DroppedPaths"/>.
    /// Like the real server's validation, a result with two controller owner references is refused with 422.
    /// </summary>
    public Task<AppliedObject<TEntity>> ApplyAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => Task.FromResult(Apply<TEntity>(name, @namespace, patch));

    private AppliedObject<TEntity> Apply<TEntity>(string name, string? @namespace, KubernetesPatch patch)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            ThrowIfFaulted("apply", typeof(TEntity).Name);
            Assert.Equal("visitcounter-operator", patch.FieldManager);
            Assert.True(patch.Force);
            var key = Key<TEntity>(@namespace, name);
            objects.TryGetValue(key, out var stored);
            var applied = JsonNode.Parse(patch.Body)!.AsObject();
            var meta = PatchMeta.ForKind(applied["apiVersion"]!.GetValue<string>(), applied["kind"]!.GetValue<string>());
            var node = ServerSideApply.Apply(stored?.DeepClone().AsObject(), applied, patch.FieldManager!, patch.Force == true, DateTimeOffset.UnixEpoch, meta).Object!;
            if (stored is null)
            {
                Stamp(node, isCreate: true);
            }
            else
            {
                node.Remove("status");
                if (stored["status"] is { } status)
                {
                    node["status"] = status.DeepClone();
                }

                var specChanged = !JsonNode.DeepEquals(node["spec"], stored["spec"]);
                node["metadata"]!["generation"] = (stored["metadata"]!["generation"]?.GetValue<long>() ?? 1) + (specChanged ? 1 : 0);
                node["metadata"]!["resourceVersion"] = NextVersion();
            }

            AddServerDefaults(typeof(TEntity).Name, node);
            foreach (var path in DroppedPaths.Where(d => d.Kind == typeof(TEntity).Name).Select(d => d.Path))
            {
                FieldPath.Remove(node, path);
            }

            ThrowIfTwoControllers(node);
            objects[key] = node;
            Writes.Add(new WriteRecord("apply", typeof(TEntity).Name, name, patch.Body));
            return new AppliedObject<TEntity>(OperatorJson.FromNode<TEntity>(node), Created: stored is null);
        }
    }

    public Task<TEntity> PatchStatusAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => throw new NotSupportedException("The controller writes status with UpdateStatusAsync.");

    public Task DeleteAsync<TEntity>(string name, string? @namespace = null, V1DeleteOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (gate)
        {
            ThrowIfFaulted("delete", typeof(TEntity).Name);
            var (key, stored) = Existing<TEntity>(@namespace, name);
            if (options?.Preconditions?.Uid is { } uid && uid != stored["metadata"]!["uid"]!.GetValue<string>())
            {
                throw new ConflictException(HttpStatusCode.Conflict, Status(409, "Conflict", "Precondition failed: UID in precondition does not match"));
            }

            objects.Remove(key);
            Writes.Add(new WriteRecord("delete", typeof(TEntity).Name, name, DeleteOptions: options));
            return Task.CompletedTask;
        }
    }

    public Task<V1Scale> GetScaleAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => throw new NotSupportedException();

    public Task<V1Scale> ReplaceScaleAsync<TEntity>(string name, string? @namespace, V1Scale scale, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta> => throw new NotSupportedException();

    public async IAsyncEnumerable<WatchEvent<TEntity>> WatchAsync<TEntity>(string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        await Task.CompletedTask;
        throw new NotSupportedException("The controller tests drive ReconcileAsync directly.");
#pragma warning disable CS0162 // Unreachable: an iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }

    public Task<string> GetRawAsync(string path, CancellationToken ct = default) => throw new NotSupportedException();

    private void ThrowIfFaulted(string verb, string kind)
    {
        if (Fault?.Invoke(verb, kind) is { } error)
        {
            throw error;
        }
    }

    private static void ThrowIfTwoControllers(JsonObject node)
    {
        var controllers = (node["metadata"]?["ownerReferences"] as JsonArray ?? []).Count(o => o?["controller"]?.GetValue<bool>() == true);
        if (controllers > 1)
        {
            var status = Status(422, "Invalid", "metadata.ownerReferences: Invalid value: Only one reference can have Controller set to true");
            status.Details = new V1StatusDetails { Causes = [new V1StatusCause { Reason = "FieldValueInvalid", Field = "metadata.ownerReferences", Message = "Only one reference can have Controller set to true" }] };
            throw new InvalidException(HttpStatusCode.UnprocessableEntity, status);
        }
    }

    private static (string, string?, string) Key<T>(string? @namespace, string name) => (typeof(T).Name, @namespace, name);

    private (( string, string?, string) Key, JsonObject Node) Existing<T>(string? @namespace, string name)
    {
        var key = Key<T>(@namespace, name);
        return objects.TryGetValue(key, out var node)
            ? (key, node)
            : throw new NotFoundException(HttpStatusCode.NotFound, Status(404, "NotFound", $"{typeof(T).Name} {name} not found"));
    }

    private static void CheckVersion(JsonObject stored, string? version)
    {
        if (version is not null && version != stored["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            throw new ConflictException(HttpStatusCode.Conflict, Status(409, "Conflict", "the object has been modified; please apply your changes to the latest version and try again"));
        }
    }

    private void Stamp(JsonObject node, bool isCreate)
    {
        var metadata = node["metadata"]!.AsObject();
        if (isCreate)
        {
            metadata["uid"] ??= Guid.NewGuid().ToString();
            metadata["generation"] ??= 1L;
            metadata["creationTimestamp"] ??= "2026-01-01T00:00:00Z";
        }

        metadata["resourceVersion"] = NextVersion();
    }

    private string NextVersion() => (++resourceVersion).ToString(CultureInfo.InvariantCulture);

    private void AddServerDefaults(string kind, JsonObject node)
    {
        if (!ApplyServerDefaults)
        {
            return;
        }

        var spec = node["spec"] as JsonObject;
        switch (kind)
        {
            case nameof(V1Service) when spec is not null:
                spec["clusterIP"] ??= "10.96.0.17";
                spec["clusterIPs"] ??= new JsonArray(spec["clusterIP"]!.GetValue<string>());
                spec["sessionAffinity"] ??= "None";
                spec["ipFamilies"] ??= new JsonArray("IPv4");
                spec["ipFamilyPolicy"] ??= "SingleStack";
                spec["internalTrafficPolicy"] ??= "Cluster";
                if (spec["type"]?.GetValue<string>() is "NodePort" or "LoadBalancer")
                {
                    foreach (var port in spec["ports"]!.AsArray())
                    {
                        port!["nodePort"] ??= 31234;
                    }

                    spec["externalTrafficPolicy"] ??= "Cluster";
                }

                break;
            case nameof(V1StatefulSet) when spec is not null:
                spec["revisionHistoryLimit"] ??= 10;
                var podSpec = spec["template"]!["spec"]!.AsObject();
                podSpec["restartPolicy"] ??= "Always";
                podSpec["dnsPolicy"] ??= "ClusterFirst";
                podSpec["schedulerName"] ??= "default-scheduler";
                foreach (var container in podSpec["containers"]!.AsArray())
                {
                    container!["terminationMessagePath"] ??= "/dev/termination-log";
                    container["terminationMessagePolicy"] ??= "File";
                    foreach (var env in container["env"]?.AsArray() ?? [])
                    {
                        // The real server leaves value out when it is empty.
                        if (env!["value"]?.GetValue<string>() == string.Empty)
                        {
                            env.AsObject().Remove("value");
                        }
                    }
                }

                foreach (var template in spec["volumeClaimTemplates"]?.AsArray() ?? [])
                {
                    template!["spec"]!["volumeMode"] ??= "Filesystem";
                    template["status"] ??= new JsonObject { ["phase"] = "Pending" };
                }

                break;
        }
    }

    private static Dictionary<string, string> ParseSelector(string? selector) =>
        string.IsNullOrEmpty(selector)
            ? []
            : selector.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private static V1Status Status(int code, string reason, string message) =>
        new() { Status = "Failure", Code = code, Reason = reason, Message = message };
}
