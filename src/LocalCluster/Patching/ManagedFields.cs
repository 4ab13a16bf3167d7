using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// Ownership bookkeeping for non-apply writes (POST, PUT, merge/JSON/strategic PATCH): the writer takes
/// the fields it changed, which the other managers lose, as the real server's field manager does.
/// </summary>
public static class ManagedFields
{
    /// <summary>Fields no manager owns: identity and server-set metadata.</summary>
    internal static readonly FieldSet Ignored = IgnoredFields();

    /// <summary>Records an update by <paramref name="manager"/> in <paramref name="newObj"/>'s <c>metadata.managedFields</c>.</summary>
    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string operation, DateTimeOffset now) =>
        RecordUpdate(oldObj, newObj, manager, operation, now, meta: null, subresource: string.Empty);

    /// <summary>
    /// Records an update. When the request itself carries <c>managedFields</c> (kubectl's CSA→SSA migration
    /// replaces them with a JSON patch) those are the starting point, as the real server's <c>decodeLiveOrNew</c>;
    /// otherwise the old object's are.
    /// </summary>
    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string operation, DateTimeOffset now, PatchMeta? meta, string subresource)
    {
        meta ??= PatchMeta.ForObjectWithoutSchema();
        var apiVersion = JsonNodes.AsString(newObj["apiVersion"]) ?? string.Empty;
        var entries = ManagedFieldsEntry.ReadAll(newObj);
        if (entries.Count == 0)
        {
            entries = ManagedFieldsEntry.ReadAll(oldObj);
        }

        var before = WithoutManagedFields(oldObj) ?? new JsonObject();
        var after = WithoutManagedFields(newObj);
        var changed = ObjectFields.Changed(before, after, meta).WithoutTrees(Ignored);
        var removed = ObjectFields.Removed(before, after, meta);
        var result = new List<ManagedFieldsEntry>();
        ManagedFieldsEntry? own = null;
        foreach (var entry in entries)
        {
            if (entry.SameIdentity(manager, operation, subresource, apiVersion))
            {
                own = entry;
                continue;
            }

            result.Add(entry with { Fields = entry.Fields.Difference(changed).WithoutTrees(removed) });
        }

        var ownFields = (own?.Fields ?? new FieldSet()).WithoutTrees(removed).Union(OnlyPresent(changed, after!));
        var time = own is not null && own.Fields.SetEquals(ownFields) ? own.Time : now;
        result.Add(new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, ownFields));
        ManagedFieldsEntry.WriteAll(newObj, result);
    }

    /// <summary>A copy of the object without <c>metadata.managedFields</c>, so ownership never tracks itself.</summary>
    internal static JsonObject? WithoutManagedFields(JsonObject? obj)
    {
        if (obj is null)
        {
            return null;
        }

        var copy = (JsonObject)obj.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    /// <summary>
    /// The changed paths that still exist, which the writer now owns. The top-level <c>metadata</c>,
    /// <c>spec</c> and <c>status</c> structs are never members themselves: in the Go types they always
    /// exist, so the real server never records them with a <c>.</c>.
    /// </summary>
    private static FieldSet OnlyPresent(FieldSet changed, JsonObject after)
    {
        var set = new FieldSet();
        foreach (var path in changed.Members())
        {
            if ((path.Count > 1 || path[0] is not ("f:metadata" or "f:spec" or "f:status")) && ObjectFields.Exists(after, path))
            {
                set.Add(path);
            }
        }

        return set;
    }

    private static FieldSet IgnoredFields()
    {
        var set = new FieldSet();
        set.Add(["f:apiVersion"]);
        set.Add(["f:kind"]);
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink", "generateName" })
        {
            set.Add(["f:metadata", "f:" + field]);
        }

        return set;
    }
}
