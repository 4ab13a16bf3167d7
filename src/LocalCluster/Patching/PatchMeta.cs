using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// What the official OpenAPI schema says about how one field merges: its
/// <c>x-kubernetes-patch-strategy</c> / <c>x-kubernetes-patch-merge-key</c> (strategic merge patch) and
/// <c>x-kubernetes-list-type</c> / <c>x-kubernetes-list-map-keys</c> / <c>x-kubernetes-map-type</c>
/// (server-side apply). A node of a tree: the root describes a whole kind, <see cref="Property"/> and
/// <see cref="Items"/> walk down. Built from the documents in <c>../shared/kubernetes-openapi</c>
/// (see <see cref="PatchMetaCatalog"/>) or from a CRD's structural schema.
/// </summary>
public sealed class PatchMeta
{
    private static readonly PatchMeta UnknownNode = new(null, null, null, [], null, null, null, new PatchMetaType());

    internal PatchMeta(
        string? patchStrategy,
        string? patchMergeKey,
        string? listType,
        IReadOnlyList<string> listMapKeys,
        string? mapType,
        JsonNode? defaultValue,
        PatchMeta? items,
        PatchMetaType? type)
    {
        PatchStrategy = patchStrategy;
        PatchMergeKey = patchMergeKey;
        ListType = listType;
        ListMapKeys = listMapKeys;
        OwnMapType = mapType;
        Default = defaultValue;
        Items = items;
        Type = type;
    }

    /// <summary>A node that knows nothing: maps merge, lists are atomic (how custom resources without list types behave).</summary>
    public static PatchMeta Unknown => UnknownNode;

    /// <summary><c>x-kubernetes-patch-strategy</c>: <c>merge</c>, <c>replace</c>, <c>retainKeys</c> or <c>merge,retainKeys</c>.</summary>
    public string? PatchStrategy { get; }

    /// <summary><c>x-kubernetes-patch-merge-key</c> of a list of objects.</summary>
    public string? PatchMergeKey { get; }

    /// <summary><c>x-kubernetes-list-type</c>: <c>atomic</c>, <c>set</c> or <c>map</c>.</summary>
    public string? ListType { get; }

    /// <summary><c>x-kubernetes-list-map-keys</c>.</summary>
    public IReadOnlyList<string> ListMapKeys { get; }

    /// <summary>The schema default of this field (used for list-map keys a client leaves out, e.g. <c>protocol: TCP</c>).</summary>
    public JsonNode? Default { get; }

    /// <summary>The element schema of a list.</summary>
    public PatchMeta? Items { get; }

    /// <summary><c>x-kubernetes-map-type</c> of this field or of its type (<c>atomic</c> structs such as LabelSelector).</summary>
    public string? MapType => OwnMapType ?? Type?.MapType;

    internal string? OwnMapType { get; }

    internal PatchMetaType? Type { get; }

    /// <summary>True when the strategy merges list elements instead of replacing the list.</summary>
    public bool MergesLists => PatchStrategy?.Split(',').Contains("merge") == true;

    /// <summary>True when the strategy asks to drop keys a patch's <c>$retainKeys</c> does not list.</summary>
    public bool RetainsKeys => PatchStrategy?.Split(',').Contains("retainKeys") == true;

    /// <summary>
    /// How server-side apply treats this list, following kube-openapi's schema conversion:
    /// an explicit list type wins; otherwise a merge strategy with a key is a map, without a key a set;
    /// everything else is atomic.
    /// </summary>
    public ListKind ListKind => ListType switch
    {
        "map" => ListKind.Map,
        "set" => ListKind.Set,
        "atomic" => ListKind.Atomic,
        _ when MergesLists => PatchMergeKey is null ? ListKind.Set : ListKind.Map,
        _ => ListKind.Atomic,
    };

    /// <summary>The keys that identify an element of a map list.</summary>
    public IReadOnlyList<string> ListKeys =>
        ListMapKeys.Count > 0 ? ListMapKeys : PatchMergeKey is null ? [] : [PatchMergeKey];

    /// <summary>True when server-side apply owns this object as one unit (<c>x-kubernetes-map-type: atomic</c>).</summary>
    public bool IsAtomicMap => MapType == "atomic";

    /// <summary>The schema of a struct field or of a map's values; <see cref="Unknown"/> when the schema says nothing.</summary>
    public PatchMeta Property(string name)
    {
        if (Type is null)
        {
            return UnknownNode;
        }

        if (Type.Properties.TryGetValue(name, out var property))
        {
            return property;
        }

        return Type.AdditionalProperties ?? UnknownNode;
    }

    /// <summary>The element schema of a list, or <see cref="Unknown"/>.</summary>
    public PatchMeta Element => Items ?? UnknownNode;

    /// <summary>The patch metadata of a built-in kind we serve, from the table generated from the official schemas; null for unknown kinds (custom resources).</summary>
    public static PatchMeta? ForKind(string apiVersion, string kind) => PatchMetaCatalog.Builtin.ForKind(apiVersion, kind);

    /// <summary>
    /// Patch metadata from a CRD version's <c>openAPIV3Schema</c> (inline, structural: no <c>$ref</c>). Its
    /// <c>metadata</c> is ObjectMeta's, as the real server treats custom resources: owner references merge by
    /// uid, finalizers are a set.
    /// </summary>
    public static PatchMeta FromSchema(JsonObject openApiV3Schema)
    {
        var node = new PatchMetaBuilder(_ => null).Node(openApiV3Schema);
        var type = node.Type ?? new PatchMetaType();
        type.Properties["metadata"] = ObjectMeta;
        return new PatchMeta(node.PatchStrategy, node.PatchMergeKey, node.ListType, node.ListMapKeys, node.OwnMapType, node.Default, node.Items, type);
    }

    /// <summary>What is known of any object without a schema: its <c>metadata</c> is ObjectMeta; the rest merges as maps with atomic lists.</summary>
    public static PatchMeta ForObjectWithoutSchema()
    {
        var type = new PatchMetaType();
        type.Properties["metadata"] = ObjectMeta;
        return new PatchMeta(null, null, null, [], null, null, null, type);
    }

    private static PatchMeta ObjectMeta => ForKind("v1", "Namespace")?.Property("metadata") ?? UnknownNode;
}

/// <summary>How server-side apply merges a list (and how its elements are named in fieldsV1).</summary>
public enum ListKind
{
    /// <summary>Replaced and owned as a whole.</summary>
    Atomic,

    /// <summary>Scalars merged by value (<c>v:</c> path elements).</summary>
    Set,

    /// <summary>Objects merged by key fields (<c>k:</c> path elements).</summary>
    Map,
}

/// <summary>The shared part of a named schema type, so recursive types (JSONSchemaProps) stay finite.</summary>
internal sealed class PatchMetaType
{
    public Dictionary<string, PatchMeta> Properties { get; } = new(StringComparer.Ordinal);

    public PatchMeta? AdditionalProperties { get; set; }

    public string? MapType { get; set; }
}
