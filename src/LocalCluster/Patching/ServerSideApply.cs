using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>): merges a manager's full intent into the live
/// object, tracks ownership in <c>metadata.managedFields</c>, reports conflicts with other managers, and
/// removes the fields a manager stops applying when nobody else owns them.
/// </summary>
public static class ServerSideApply
{
    /// <summary>The manager that owns the fields of an object applied to before anyone's ownership was recorded.</summary>
    public const string BeforeFirstApplyManager = "before-first-apply";

    /// <summary>
    /// Applies <paramref name="applied"/> (the whole intent of <paramref name="manager"/>) to
    /// <paramref name="live"/> (null: create). The caller strips what the endpoint ignores (e.g. <c>.status</c> on the
    /// main resource of a kind with a status subresource) before calling. Throws <see cref="PatchException"/> for
    /// an apply configuration the server rejects (managedFields set, map-list elements without keys).
    /// </summary>
    public static ApplyResult Apply(JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now, PatchMeta? meta) =>
        Apply(live, applied, manager, force, now, meta, subresource: string.Empty);

    /// <summary>Applies through a subresource (<c>status</c>, <c>scale</c>), which names the manager identity.</summary>
    public static ApplyResult Apply(JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now, PatchMeta? meta, string subresource)
    {
        ArgumentNullException.ThrowIfNull(applied);
        RejectInvalidConfiguration(applied, manager);
        meta ??= PatchMeta.ForObjectWithoutSchema();
        var apiVersion = JsonNodes.AsString(applied["apiVersion"]) ?? JsonNodes.AsString(live?["apiVersion"]) ?? string.Empty;
        var appliedFields = ObjectFields.Of(applied, meta, strict: true).WithoutTrees(ManagedFields.Ignored);
        var entries = CurrentOwners(live, meta, apiVersion, now);
        var own = entries.FirstOrDefault(e => e.SameIdentity(manager, ManagedFieldsEntry.ApplyOperation, subresource, apiVersion));
        var others = entries.Where(e => !ReferenceEquals(e, own)).ToList();

        var before = ManagedFields.WithoutManagedFields(live) ?? new JsonObject();
        var merged = (JsonObject)Merge(before, applied, meta)!;
        RemoveAbandonedFields(merged, own?.Fields.Difference(appliedFields), appliedFields, others);
        var changed = ObjectFields.Changed(before, merged, meta).WithoutTrees(ManagedFields.Ignored);

        var conflicts = Conflicts(others, changed);
        if (conflicts.Count > 0 && !force)
        {
            return new ApplyResult(null, conflicts);
        }

        // equal values stay co-owned; what this apply changed (forced or not) is this manager's alone
        var owners = others.Select(o => o with { Fields = o.Fields.Difference(changed.Intersection(appliedFields)) }).ToList();
        var time = own is not null && own.Fields.SetEquals(appliedFields) ? own.Time : now;
        owners.Add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.ApplyOperation, apiVersion, time, subresource, appliedFields));
        ManagedFieldsEntry.WriteAll(merged, owners);
        return new ApplyResult(merged, []);
    }

    private static void RejectInvalidConfiguration(JsonObject applied, string manager)
    {
        if (string.IsNullOrEmpty(manager))
        {
            throw new PatchException("fieldManager: Required value: is required for apply patch");
        }

        if (JsonNodes.Get(applied, "metadata", "managedFields") is not null)
        {
            throw new PatchException("metadata.managedFields must be nil");
        }
    }

    /// <summary>The live object's managers; an object nobody tracked yet gets its fields handed to a synthetic manager first, as on the real server.</summary>
    private static List<ManagedFieldsEntry> CurrentOwners(JsonObject? live, PatchMeta meta, string apiVersion, DateTimeOffset now)
    {
        var entries = ManagedFieldsEntry.ReadAll(live);
        if (live is not null && entries.Count == 0)
        {
            var existing = ObjectFields.Of(ManagedFields.WithoutManagedFields(live), meta, strict: false).WithoutTrees(ManagedFields.Ignored);
            entries.Add(new ManagedFieldsEntry(BeforeFirstApplyManager, ManagedFieldsEntry.UpdateOperation, apiVersion, now, string.Empty, existing));
        }

        return entries;
    }

    /// <summary>Every changed field another manager owns.</summary>
    private static List<ApplyConflict> Conflicts(List<ManagedFieldsEntry> others, FieldSet changed) =>
        others
            .SelectMany(o => o.Fields.Intersection(changed).Members().Select(p => (Entry: o, Path: p)))
            .Select(c => new ApplyConflict(c.Entry.Manager, FieldSet.Display(c.Path))
            {
                Operation = c.Entry.Operation,
                ApiVersion = c.Entry.ApiVersion,
                Subresource = c.Entry.Subresource,
            })
            .ToList();

    /// <summary>
    /// Merges an apply configuration into an object: structs and maps field by field, map lists element by
    /// key, sets by value, atomic lists and scalars replaced. Elements the configuration leaves out stay; the
    /// ownership step decides whether they go.
    /// </summary>
    private static JsonNode? Merge(JsonNode? live, JsonNode? applied, PatchMeta meta)
    {
        var result = live?.DeepClone();
        return MergeInto(result, applied, meta);
    }

    /// <summary>Merges <paramref name="applied"/> into <paramref name="owned"/> (a private copy, changed in place) and returns the result.</summary>
    private static JsonNode? MergeInto(JsonNode? owned, JsonNode? applied, PatchMeta meta)
    {
        switch (applied)
        {
            case JsonObject config when owned is JsonObject result && !meta.IsAtomicMap:
                foreach (var (key, value) in config)
                {
                    if (value is null)
                    {
                        result.Remove(key);
                        continue;
                    }

                    var current = result[key];
                    result[key] = null; // detach, so the merged child can be attached again
                    result[key] = MergeInto(current, value, meta.Property(key));
                }

                return result;
            case JsonArray config when owned is JsonArray result && meta.ListKind == ListKind.Set:
                foreach (var item in config.Where(i => !result.Any(c => JsonNodes.ValueEquals(c, i))).ToList())
                {
                    result.Add(item?.DeepClone());
                }

                return result;
            case JsonArray config when owned is JsonArray result && meta.ListKind == ListKind.Map:
                {
                    var keys = result.Select(i => i is JsonObject o ? ObjectFields.KeyElement(o, meta) : null).ToList();
                    foreach (var item in config.OfType<JsonObject>())
                    {
                        var index = keys.IndexOf(ObjectFields.KeyElement(item, meta));
                        if (index >= 0)
                        {
                            var current = result[index];
                            result[index] = null;
                            result[index] = MergeInto(current, item, meta.Element);
                        }
                        else
                        {
                            result.Add(item.DeepClone());
                            keys.Add(ObjectFields.KeyElement(item, meta));
                        }
                    }

                    return result;
                }

            default:
                return applied?.DeepClone();
        }
    }

    /// <summary>
    /// Removes the fields this manager applied before and no longer does, unless this apply or another manager
    /// still owns them or something below them (a map whose other keys are still applied stays). Parents go before children, so a dropped list element goes whole.
    /// </summary>
    private static void RemoveAbandonedFields(JsonObject merged, FieldSet? abandoned, FieldSet applied, List<ManagedFieldsEntry> others)
    {
        if (abandoned is null)
        {
            return;
        }

        foreach (var path in abandoned.Members().OrderBy(p => p.Count))
        {
            if (IsKeyFieldOfListElement(path) || applied.ContainsAtOrBelow(path) || others.Any(o => o.Fields.ContainsAtOrBelow(path)))
            {
                continue;
            }

            ObjectFields.Remove(merged, path);
        }
    }

    private static bool IsKeyFieldOfListElement(IReadOnlyList<string> path)
    {
        if (path.Count < 2 || !path[^2].StartsWith("k:", StringComparison.Ordinal))
        {
            return false;
        }

        var keys = JsonNode.Parse(path[^2][2..]) as JsonObject;
        return keys?.ContainsKey(path[^1][2..]) == true;
    }
}
