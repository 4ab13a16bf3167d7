using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Auth;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Http.Streaming;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Selectors;
using VisitCounter.LocalCluster.ApiServer.Tables;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>The REST verbs on resource paths: maps HTTP method, path shape and query to the registry layer.</summary>
internal sealed class ResourceHandler(
    ResourceService service,
    WatchStreamer watches,
    PodEndpoints pods,
    PodStreams streams,
    TokenRequestEndpoint tokenRequests,
    AccessReviewEndpoint accessReviews,
    EvictionEndpoint evictions,
    AccessControl access,
    TimeProvider time,
    TimeSpan defaultWatchTimeout)
{
    public async Task HandleAsync(HttpContext context, ResourcePath path)
    {
        var definition = service.Registry.Find(path.Resource) ?? throw ApiException.UnknownPath();
        if (path.Namespace is not null && !definition.Namespaced) throw ApiException.UnknownPath();
        var method = context.Request.Method;
        if (path.Name is null)
        {
            await CollectionAsync(context, definition, path, method);
            return;
        }
        switch (path.Subresource)
        {
            case null:
                await ObjectAsync(context, definition, path, method);
                break;
            case "status" when definition.HasStatus:
                await StatusAsync(context, definition, path, method);
                break;
            case "scale" when definition.Scale is not null:
                await ScaleAsync(context, definition, path, method);
                break;
            case "log" when definition.Ref == ResourceRef.Pods && method == "GET":
                await pods.LogsAsync(context, path.Namespace ?? "", path.Name);
                break;
            case "token" when definition.Ref == ResourceRef.ServiceAccounts && method == "POST":
                await tokenRequests.HandleAsync(context, path.Namespace ?? "", path.Name);
                break;
            case "exec" when definition.Ref == ResourceRef.Pods && method is "GET" or "POST":
                await streams.Exec.HandleAsync(context, path.Namespace ?? "", path.Name);
                break;
            case "portforward" when definition.Ref == ResourceRef.Pods && method is "GET" or "POST":
                await streams.PortForward.HandleAsync(context, path.Namespace ?? "", path.Name);
                break;
            case "eviction" when definition.Ref == ResourceRef.Pods && method == "POST":
                await evictions.EvictAsync(context, path.Namespace ?? "", path.Name);
                break;
            case "proxy" when definition.Ref == ResourceRef.Pods || definition.Ref == ResourceRef.Services:
                await pods.ProxyAsync(context, definition.Ref, path.Namespace ?? "", path.Name, path.Rest);
                break;
            default:
                throw ApiException.UnknownPath();
        }
    }

    private async Task CollectionAsync(HttpContext context, ResourceDefinition definition, ResourcePath path, string method)
    {
        var query = context.Request.Query;
        if (definition.IsReview)
        {
            if (method != "POST") throw ApiException.MethodNotSupported(definition.Ref, method);
            await accessReviews.HandleAsync(context, definition, context.Features.Get<UserInfo>() ?? throw ApiException.Unauthorized());
            return;
        }

        switch (method)
        {
            case "GET" when RequestOptions.Bool(query["watch"]) == true:
                await watches.StreamAsync(context, WatchRequestOf(context, definition, path.Namespace));
                return;
            case "GET":
            {
                var result = service.List(definition, path.Namespace, LabelSelectors.Parse(query["labelSelector"]),
                    FieldSelector.Parse(query["fieldSelector"]), RequestOptions.Long(query["limit"], "limit"), query["continue"]);
                var rv = TableConverter.Format(result.ResourceVersion);
                if (WantsTable(context))
                {
                    await HttpJson.WriteAsync(context, 200, TableConverter.Table(definition, result.Items, rv, result.Continue,
                        result.RemainingItemCount, IncludeOf(context), true, time.GetUtcNow()));
                    return;
                }
                var metadata = new JsonObject { ["resourceVersion"] = rv };
                if (result.Continue is not null) metadata["continue"] = result.Continue;
                if (result.RemainingItemCount is not null) metadata["remainingItemCount"] = result.RemainingItemCount.Value;
                await HttpJson.WriteAsync(context, 200, new JsonObject
                {
                    ["apiVersion"] = definition.Ref.ApiVersion,
                    ["kind"] = definition.ListKind,
                    ["metadata"] = metadata,
                    ["items"] = new JsonArray(result.Items.Select(i => (JsonNode)i).ToArray()),
                });
                return;
            }
            case "POST" when path.Namespace is not null || !definition.Namespaced:
            {
                var body = await ReadObjectAsync(context);
                var response = service.Create(definition, path.Namespace, body, RequestOptions.Write(context));
                await RespondAsync(context, response, 201);
                return;
            }
            case "DELETE" when definition.Verbs.Contains("deletecollection"):
            {
                var options = await RequestOptions.DeleteAsync(context);
                var deleted = service.DeleteCollection(definition, path.Namespace, LabelSelectors.Parse(query["labelSelector"]),
                    FieldSelector.Parse(query["fieldSelector"]), options);
                await HttpJson.WriteAsync(context, 200, new JsonObject
                {
                    ["apiVersion"] = definition.Ref.ApiVersion,
                    ["kind"] = definition.ListKind,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = TableConverter.Format(service.Store.Revision) },
                    ["items"] = new JsonArray(deleted.Select(i => (JsonNode)i).ToArray()),
                });
                return;
            }
            default:
                throw ApiException.MethodNotSupported(definition.Ref, method);
        }
    }

    private async Task ObjectAsync(HttpContext context, ResourceDefinition definition, ResourcePath path, string method)
    {
        var name = path.Name!;
        switch (method)
        {
            case "GET":
                await WriteObjectAsync(context, definition, service.Get(definition, path.Namespace, name));
                return;
            case "PUT":
                await RespondAsync(context, service.Update(definition, path.Namespace, name, await ReadObjectAsync(context), RequestOptions.Write(context), null), 200);
                return;
            case "PATCH":
                await PatchAsync(context, definition, path, null);
                return;
            case "DELETE":
            {
                var options = await RequestOptions.DeleteAsync(context);
                var response = service.Delete(definition, path.Namespace, name, options);
                if (response.Removed && !definition.ReturnDeletedObject)
                {
                    await HttpJson.WriteAsync(context, 200, HttpJson.SuccessStatus(
                        new StatusDetails(name, definition.Ref.Group, definition.Ref.Resource, Meta.Uid(response.Object), [])));
                    return;
                }
                await HttpJson.WriteAsync(context, 200, response.Object);
                return;
            }
            default:
                throw ApiException.MethodNotSupported(definition.Ref, method);
        }
    }

    private async Task StatusAsync(HttpContext context, ResourceDefinition definition, ResourcePath path, string method)
    {
        switch (method)
        {
            case "GET":
                await HttpJson.WriteAsync(context, 200, service.Get(definition, path.Namespace, path.Name!));
                return;
            case "PUT":
                await RespondAsync(context, service.Update(definition, path.Namespace, path.Name!, await ReadObjectAsync(context), RequestOptions.Write(context), "status"), 200);
                return;
            case "PATCH":
                await PatchAsync(context, definition, path, "status");
                return;
            default:
                throw ApiException.MethodNotSupported(definition.Ref, method);
        }
    }

    private async Task ScaleAsync(HttpContext context, ResourceDefinition definition, ResourcePath path, string method)
    {
        switch (method)
        {
            case "GET":
                await HttpJson.WriteAsync(context, 200, service.GetScale(definition, path.Namespace, path.Name!));
                return;
            case "PUT":
                await HttpJson.WriteAsync(context, 200, service.WriteScale(definition, path.Namespace, path.Name!, await HttpJson.ReadBodyAsync(context), null, RequestOptions.Write(context)));
                return;
            case "PATCH":
                var type = PatchTypes.Parse(context.Request.ContentType) ?? throw UnsupportedPatch();
                await HttpJson.WriteAsync(context, 200, service.WriteScale(definition, path.Namespace, path.Name!, await HttpJson.ReadBodyAsync(context), type, RequestOptions.Write(context)));
                return;
            default:
                throw ApiException.MethodNotSupported(definition.Ref, method);
        }
    }

    private async Task PatchAsync(HttpContext context, ResourceDefinition definition, ResourcePath path, string? subresource)
    {
        var type = PatchTypes.Parse(context.Request.ContentType) ?? throw UnsupportedPatch();
        var options = RequestOptions.Write(context);
        if (type == PatchType.Apply) options = options with { FieldManager = RequestOptions.ExplicitFieldManager(context) };
        var patch = await HttpJson.ReadBodyAsync(context);
        var user = context.Features.Get<UserInfo>() ?? throw ApiException.Unauthorized();
        var authorizeCreate = access.CreateOnUpdate(user, RequestAttributes.FromRequest(context.Request.Method, context.Request.Path.Value ?? "", false));
        var response = service.Patch(definition, path.Namespace, path.Name!, type, patch, options, subresource, authorizeCreate);
        await RespondAsync(context, response, response.Created ? 201 : 200);
    }

    private static ApiException UnsupportedPatch() => ApiException.UnsupportedMediaType(
        ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml", "application/strategic-merge-patch+json"]);

    private async Task WriteObjectAsync(HttpContext context, ResourceDefinition definition, JsonObject obj)
    {
        if (WantsTable(context))
        {
            await HttpJson.WriteAsync(context, 200, TableConverter.Table(definition, [obj], Meta.ResourceVersion(obj) ?? "", null, null,
                IncludeOf(context), true, time.GetUtcNow()));
            return;
        }
        await HttpJson.WriteAsync(context, 200, obj);
    }

    private static async Task RespondAsync(HttpContext context, WriteResponse response, int status)
    {
        foreach (var warning in response.Warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
        await HttpJson.WriteAsync(context, status, response.Object);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await HttpJson.ReadBodyAsync(context) as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");

    private WatchRequest WatchRequestOf(HttpContext context, ResourceDefinition definition, string? ns)
    {
        var query = context.Request.Query;
        var rvText = query["resourceVersion"].ToString();
        var sendInitialEvents = RequestOptions.Bool(query["sendInitialEvents"]) == true;
        long? from = null;
        if (!sendInitialEvents && rvText.Length > 0 && rvText != "0")
        {
            from = RequestOptions.Long(rvText, "resourceVersion");
        }
        var timeoutSeconds = RequestOptions.Long(query["timeoutSeconds"], "timeoutSeconds");
        return new WatchRequest(
            definition,
            ns,
            LabelSelectors.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"]),
            from,
            timeoutSeconds is > 0 ? TimeSpan.FromSeconds(timeoutSeconds.Value) : defaultWatchTimeout,
            RequestOptions.Bool(query["allowWatchBookmarks"]) == true,
            sendInitialEvents,
            WantsTable(context),
            IncludeOf(context));
    }

    private static bool WantsTable(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    private static IncludeObject IncludeOf(HttpContext context) => context.Request.Query["includeObject"].ToString() switch
    {
        "Object" => IncludeObject.Object,
        "None" => IncludeObject.None,
        _ => IncludeObject.Metadata,
    };
}
