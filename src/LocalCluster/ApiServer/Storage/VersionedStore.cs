using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Storage;

/// <summary>
/// The server's "etcd + watch cache": objects per resource, one global revision counter that every write
/// increments (so resourceVersions are totally ordered, as etcd's revision is), a bounded window of recent
/// events for watches that resume from a resourceVersion, and durable persistence.
/// <para>
/// All writes run under one lock: the decision (existence, resourceVersion precondition, finalizers) and the
/// commit are atomic, the revision order is the commit order, and an event reaches each watcher exactly once
/// and in order because registering a watcher (with its replay) happens under the same lock.
/// </para>
/// Stored objects are never mutated; readers get deep clones.
/// </summary>
internal sealed class VersionedStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceRef, SortedDictionary<ObjectKey, JsonObject>> _objects = [];
    private readonly Queue<StoreEvent> _window = new();
    private readonly int _windowSize;
    private readonly List<WatchChannel> _watchers = [];
    private readonly IObjectPersistence _persistence;
    private long _revision;
    private long _compactedRevision;

    public VersionedStore(IObjectPersistence persistence, int windowSize)
    {
        _persistence = persistence;
        _windowSize = Math.Max(1, windowSize);
        var state = persistence.Load();
        foreach (var (resource, key, obj) in state.Objects)
        {
            ObjectsOf(resource)[key] = obj;
        }
        _revision = state.Revision;
        // History does not survive a restart: a watch from an older revision gets 410 and relists, like after etcd compaction.
        _compactedRevision = state.Revision;
    }

    /// <summary>The current (latest committed) revision.</summary>
    public long Revision
    {
        get { lock (_gate) return _revision; }
    }

    public JsonObject? Get(ResourceRef resource, ObjectKey key)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(resource, out var map) && map.TryGetValue(key, out var obj)
                ? (JsonObject)obj.DeepClone()
                : null;
        }
    }

    /// <summary>A consistent snapshot of one resource (optionally one namespace) and the revision it reflects.</summary>
    public (List<JsonObject> Items, long Revision) List(ResourceRef resource, string? ns)
    {
        lock (_gate)
        {
            var items = new List<JsonObject>();
            if (_objects.TryGetValue(resource, out var map))
            {
                foreach (var (key, obj) in map)
                {
                    if (ns is null || key.Namespace == ns) items.Add((JsonObject)obj.DeepClone());
                }
            }
            return (items, _revision);
        }
    }

    /// <summary>True when any object of any of the given resources lives in the namespace.</summary>
    public bool NamespaceHasObjects(string ns)
    {
        lock (_gate)
        {
            return _objects.Values.Any(map => map.Keys.Any(k => k.Namespace == ns));
        }
    }

    /// <summary>The resources that hold at least one object in the namespace.</summary>
    public List<ResourceRef> ResourcesInNamespace(string ns)
    {
        lock (_gate)
        {
            return _objects.Where(kv => kv.Value.Keys.Any(k => k.Namespace == ns)).Select(kv => kv.Key).ToList();
        }
    }

    /// <summary>
    /// Runs <paramref name="decide"/> on (a clone of) the live object inside the write lock and commits its decision.
    /// Exceptions from <paramref name="decide"/> (e.g. <see cref="ApiException"/>) abort the write.
    /// </summary>
    public WriteResult Write(ResourceRef resource, ObjectKey key, Func<JsonObject?, WriteDecision> decide)
    {
        lock (_gate)
        {
            var map = ObjectsOf(resource);
            map.TryGetValue(key, out var live);
            var decision = decide((JsonObject?)live?.DeepClone());
            switch (decision)
            {
                case WriteDecision.Keep keep:
                    return new WriteResult(keep.Current, WriteOutcome.Unchanged);
                case WriteDecision.Put put when put.DryRun:
                    return new WriteResult(put.Object, live is null ? WriteOutcome.Created : WriteOutcome.Updated);
                case WriteDecision.Put put:
                {
                    var revision = _revision + 1;
                    var draft = (JsonObject)put.Object.DeepClone();
                    SetResourceVersion(draft, revision);
                    // Stored as serialized and re-read, so every number reads back as any numeric type (as from the wire).
                    var bytes = Serialize(draft);
                    var stored = (JsonObject)JsonNode.Parse(bytes)!;
                    _persistence.Save(resource, key, bytes);
                    _revision = revision;
                    map[key] = stored;
                    Publish(new StoreEvent(live is null ? WatchEventType.Added : WatchEventType.Modified, resource, stored, revision, live));
                    return new WriteResult((JsonObject)stored.DeepClone(), live is null ? WriteOutcome.Created : WriteOutcome.Updated);
                }
                case WriteDecision.Remove remove:
                {
                    if (live is null) throw ApiException.NotFound(resource, key.Name);
                    if (remove.DryRun) return new WriteResult((JsonObject)live.DeepClone(), WriteOutcome.Deleted);
                    var revision = _revision + 1;
                    var last = (JsonObject)live.DeepClone();
                    SetResourceVersion(last, revision);
                    _persistence.Delete(resource, key, revision);
                    _revision = revision;
                    map.Remove(key);
                    Publish(new StoreEvent(WatchEventType.Deleted, resource, last, revision, live));
                    return new WriteResult((JsonObject)last.DeepClone(), WriteOutcome.Deleted);
                }
                default:
                    throw new InvalidOperationException($"Unknown write decision {decision}");
            }
        }
    }

    /// <summary>
    /// Registers a watcher. With <paramref name="fromRevision"/> null, it first receives a synthetic ADDED for
    /// every existing object ("get state and start at most recent"); otherwise every event after that revision.
    /// </summary>
    /// <exception cref="ApiException">410 Expired when events after <paramref name="fromRevision"/> are no longer kept.</exception>
    public WatchChannel Watch(ResourceRef resource, string? ns, long? fromRevision)
    {
        lock (_gate)
        {
            var channel = new WatchChannel(resource, ns, Unregister) { StartRevision = _revision };
            if (fromRevision is null)
            {
                if (_objects.TryGetValue(resource, out var map))
                {
                    foreach (var (key, obj) in map)
                    {
                        if (ns is not null && key.Namespace != ns) continue;
                        channel.Publish(new StoreEvent(WatchEventType.Added, resource, obj, ResourceVersionOf(obj), null));
                        channel.InitialEventCount++;
                    }
                }
            }
            else
            {
                if (fromRevision.Value < _compactedRevision)
                {
                    throw ApiException.Expired(fromRevision.Value, _compactedRevision);
                }
                foreach (var e in _window)
                {
                    if (e.ResourceVersion > fromRevision.Value && channel.Matches(e)) channel.Publish(e);
                }
            }
            _watchers.Add(channel);
            return channel;
        }
    }

    /// <summary>The oldest revision a watch may still resume from.</summary>
    public long CompactedRevision
    {
        get { lock (_gate) return _compactedRevision; }
    }

    private void Unregister(WatchChannel channel)
    {
        lock (_gate) _watchers.Remove(channel);
    }

    private void Publish(StoreEvent e)
    {
        _window.Enqueue(e);
        while (_window.Count > _windowSize)
        {
            _compactedRevision = _window.Dequeue().ResourceVersion;
        }
        foreach (var watcher in _watchers)
        {
            if (watcher.Matches(e)) watcher.Publish(e);
        }
    }

    private SortedDictionary<ObjectKey, JsonObject> ObjectsOf(ResourceRef resource)
    {
        if (!_objects.TryGetValue(resource, out var map))
        {
            map = [];
            _objects[resource] = map;
        }
        return map;
    }

    private static byte[] Serialize(JsonObject obj)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) obj.WriteTo(writer);
        return buffer.ToArray();
    }

    private static void SetResourceVersion(JsonObject obj, long revision)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }
        metadata["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
    }

    private static long ResourceVersionOf(JsonObject obj) =>
        long.TryParse(obj["metadata"]?["resourceVersion"]?.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv : 0;
}
