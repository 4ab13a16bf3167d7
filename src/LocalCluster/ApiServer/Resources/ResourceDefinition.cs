using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.ApiServer.Resources;

/// <summary>
/// Everything the server knows about one served resource: its names (as discovery shows them), scope,
/// subresources and, for custom resources, the CRD version's printer columns and schema.
/// </summary>
public sealed record ResourceDefinition
{
    /// <summary>Group, version and plural.</summary>
    public required ResourceRef Ref { get; init; }
    /// <summary>Kind, e.g. <c>StatefulSet</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>List kind, e.g. <c>StatefulSetList</c>.</summary>
    public required string ListKind { get; init; }
    /// <summary>Singular lower-case name, e.g. <c>statefulset</c>.</summary>
    public required string Singular { get; init; }
    /// <summary>True when objects live in a namespace.</summary>
    public required bool Namespaced { get; init; }
    /// <summary>Short names, e.g. <c>sts</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    /// <summary>Categories, e.g. <c>all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>True when the <c>status</c> subresource exists: the main endpoint then ignores status and vice versa.</summary>
    public bool HasStatus { get; init; }
    /// <summary>The <c>scale</c> subresource, when served.</summary>
    public ScaleSubresource? Scale { get; init; }
    /// <summary>True for resources defined by a CustomResourceDefinition.</summary>
    public bool IsCustom { get; init; }
    /// <summary>The CRD version's <c>additionalPrinterColumns</c> (custom resources only).</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];
    /// <summary>The CRD version's <c>openAPIV3Schema</c> (custom resources only).</summary>
    public JsonObject? OpenApiSchema { get; init; }
    /// <summary>The compiled schema used for pruning, defaulting and validation (custom resources only).</summary>
    public Semantics.ICustomResourceSchema? Schema { get; init; }
    /// <summary>True when DELETE answers with the deleted object rather than a Success Status (as pods do).</summary>
    public bool ReturnDeletedObject { get; init; }
    /// <summary>Subresources beyond status and scale (e.g. <c>serviceaccounts/token</c>), for discovery.</summary>
    public IReadOnlyList<SubresourceDefinition> Subresources { get; init; } = [];
    /// <summary>True for the authorization reviews: created, answered and never stored.</summary>
    public bool IsReview { get; init; }
    /// <summary>Verbs advertised in discovery.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    /// <summary>The verbs of an ordinary read-write resource.</summary>
    public static IReadOnlyList<string> StandardVerbs { get; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}
