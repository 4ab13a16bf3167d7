using System.Text.Json.Nodes;
using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Selectors;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Objects;

internal sealed partial class ResourceService
{
    /// <summary>
    /// LIST with label and field selectors and <c>limit</c>/<c>continue</c> paging. A page reflects the current
    /// state after the token's key (the real server serves all pages from the first page's snapshot).
    /// </summary>
    public ListResult List(ResourceDefinition definition, string? ns, LabelSelector labels, FieldSelector fields, long? limit, string? continueToken)
    {
        var (items, revision) = _store.List(definition.Ref, definition.Namespaced ? ns : null);
        ObjectKey? after = null;
        if (!string.IsNullOrEmpty(continueToken))
        {
            var token = ContinueToken.Decode(continueToken);
            if (token.ResourceVersion < _store.CompactedRevision)
            {
                throw new ApiException(410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }
            after = token.After;
            revision = token.ResourceVersion;
        }
        var matching = items
            .Where(i => after is null || new ObjectKey(Meta.Namespace(i), Meta.Name(i)).CompareTo(after.Value) > 0)
            .Where(i => labels.Matches(Meta.Labels(i)) && fields.Matches(i))
            .ToList();
        if (limit is > 0 && matching.Count > limit.Value)
        {
            var page = matching.Take((int)limit.Value).ToList();
            var last = page[^1];
            var next = new ContinueToken(revision, new ObjectKey(Meta.Namespace(last), Meta.Name(last))).Encode();
            return new ListResult(page, revision, next, matching.Count - page.Count);
        }
        return new ListResult(matching, revision, null, null);
    }

    /// <summary>Registers a watch (see <see cref="VersionedStore.Watch"/>).</summary>
    public WatchChannel Watch(ResourceDefinition definition, string? ns, long? fromRevision) =>
        _store.Watch(definition.Ref, definition.Namespaced ? ns : null, fromRevision);

    /// <summary>GET of the <c>scale</c> subresource: an autoscaling/v1 Scale mirroring the object.</summary>
    public JsonObject GetScale(ResourceDefinition definition, string? ns, string name)
    {
        var scale = definition.Scale ?? throw ApiException.UnknownPath();
        return ScaleConversion.ToScale(Get(definition, ns, name), scale);
    }

    /// <summary>PUT (<paramref name="patchType"/> null) or PATCH of the <c>scale</c> subresource.</summary>
    public JsonObject WriteScale(ResourceDefinition definition, string? ns, string name, JsonNode body, PatchType? patchType, WriteOptions options)
    {
        var scale = definition.Scale ?? throw ApiException.UnknownPath();
        var warnings = new List<string>();
        var result = _store.Write(definition.Ref, Key(definition, ns, name), live =>
        {
            if (live is null) throw ApiException.NotFound(definition.Ref, name);
            var current = ScaleConversion.ToScale(live, scale);
            var desired = patchType switch
            {
                null => body as JsonObject ?? throw ApiException.BadRequest("the body must be an autoscaling/v1 Scale"),
                PatchType.Merge => _semantics.MergePatch(current.DeepClone(), body) as JsonObject,
                PatchType.Json => _semantics.JsonPatchApply(current.DeepClone(), body) as JsonObject,
                PatchType.StrategicMerge => _semantics.MergePatch(current.DeepClone(), body) as JsonObject,
                _ => throw ApiException.UnsupportedMediaType(
                    ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]),
            } ?? throw ApiException.BadRequest("the patch did not produce a Scale");
            var requestedVersion = Meta.ResourceVersion(desired);
            if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != Meta.ResourceVersion(live))
            {
                throw ApiException.StaleResourceVersion(definition.Ref, name);
            }
            var replicas = desired["spec"]?["replicas"];
            if (Patching.JsonNodes.AsInteger(replicas) is not { } count)
            {
                throw ApiException.Invalid("Scale", "autoscaling", name,
                    [new Validation.FieldError("FieldValueRequired", "spec.replicas", "Required value")]);
            }
            if (count < 0)
            {
                throw ApiException.Invalid("Scale", "autoscaling", name,
                    [new Validation.FieldError("FieldValueInvalid", "spec.replicas", $"Invalid value: {count}: must be greater than or equal to 0")]);
            }
            var updated = ScaleConversion.WithReplicas(live, scale, count);
            return DecideUpdate(definition, live, updated, options, null, warnings);
        });
        AfterWrite(definition, result, options.DryRun);
        return ScaleConversion.ToScale(result.Object, scale);
    }
}
