using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Metrics;
using VisitCounter.LocalCluster.ApiServer.OpenApi;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>
/// The single request handler: authenticates, routes version, discovery, OpenAPI and resource paths, and
/// turns every <see cref="ApiException"/> into a metav1.Status response. Authenticated requests are counted in
/// <see cref="ApiServerMetrics"/> once they finish (the real server does not count rejected credentials either).
/// </summary>
internal sealed partial class ApiEndpoint(
    ResourceRegistry registry,
    ResourceHandler resources,
    OpenApiDocuments openApi,
    string? token,
    string reportedMinorVersion,
    ApiServerMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private const string AggregatedDiscoveryAs = "as=APIGroupDiscoveryList";
    private readonly byte[]? _expectedAuthorization = token is null ? null : Encoding.ASCII.GetBytes("Bearer " + token);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/healthz" or "/livez" or "/readyz")
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }
        if (!Authenticated(context))
        {
            await HttpJson.WriteErrorAsync(context, ApiException.Unauthorized());
            return;
        }
        var request = context.Request;
        var labels = RequestMetricLabels.Of(request.Method, path, request.Query["watch"], request.Query["dryRun"].Select(v => v ?? "").ToList(),
            request.ContentType);
        var started = time.GetTimestamp();
        using (labels.IsLongRunning ? metrics.TrackLongRunning(labels) : null)
        {
            await RespondAsync(context, path);
        }
        metrics.RecordRequest(labels, context.Response.StatusCode, time.GetElapsedTime(started));
    }

    /// <summary>Routes the request; every failure becomes the status response the real server would send.</summary>
    private async Task RespondAsync(HttpContext context, string path)
    {
        try
        {
            await RouteAsync(context, path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        catch (ApiException e)
        {
            if (!context.Response.HasStarted) await HttpJson.WriteErrorAsync(context, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (InvalidOperationException e) when (e.Source == "System.Text.Json")
        {
            // A field of the wrong JSON type (e.g. a number where a string belongs) is the client's error, as the decoder reports it.
            if (!context.Response.HasStarted)
            {
                await HttpJson.WriteErrorAsync(context, ApiException.BadRequest($"the request has a field of the wrong type: {e.Message}"));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRequestFailed(logger, e, context.Request.Method, context.Request.Path.Value);
            if (!context.Response.HasStarted) await HttpJson.WriteErrorAsync(context, ApiException.Internal(e.Message));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string method, string? path);

    private bool Authenticated(HttpContext context)
    {
        if (_expectedAuthorization is null) return true;
        var presented = Encoding.ASCII.GetBytes(context.Request.Headers.Authorization.ToString());
        return CryptographicOperations.FixedTimeEquals(presented, _expectedAuthorization);
    }

    private async Task RouteAsync(HttpContext context, string[] parts)
    {
        var get = context.Request.Method == "GET";
        switch (parts)
        {
            case ["metrics"] when get:
                context.Response.ContentType = ApiServerMetrics.ContentType;
                await context.Response.WriteAsync(metrics.Render(), context.RequestAborted);
                return;
            case ["version"] when get:
                await HttpJson.WriteAsync(context, 200, VersionDocument());
                return;
            case ["api"] when get:
                await DiscoveryAsync(context, core: true);
                return;
            case ["apis"] when get:
                await DiscoveryAsync(context, core: false);
                return;
            case ["api", var version] when get:
                await WriteOrNotFoundAsync(context, Discovery.ResourceList(registry, "", version));
                return;
            case ["apis", var group] when get:
                await WriteOrNotFoundAsync(context, Discovery.GroupDocument(registry, group));
                return;
            case ["apis", var group, var version] when get:
                await WriteOrNotFoundAsync(context, Discovery.ResourceList(registry, group, version));
                return;
            case ["openapi", "v2"] when get && context.Request.Headers.Accept.ToString().Contains(OpenApiV2Document.MediaType, StringComparison.Ordinal):
            {
                var document = OpenApiV2Document.Build(registry.All);
                // The media type contains "@", which Go's mime parser rejects in a Content-Type; the bytes are what matter.
                context.Response.ContentType = "application/octet-stream";
                context.Response.ContentLength = document.Length;
                await context.Response.Body.WriteAsync(document, context.RequestAborted);
                return;
            }
            case ["openapi", "v3"] when get:
                await HttpJson.WriteAsync(context, 200, openApi.Root());
                return;
            case ["openapi", "v3", .. var rest] when get:
                await OpenApiDocumentAsync(context, string.Join('/', rest));
                return;
            case ["api", var version, .. var rest]:
                await resources.HandleAsync(context, ResourcePath.Parse("", version, rest) ?? throw ApiException.UnknownPath());
                return;
            case ["apis", var group, var version, .. var rest]:
                await resources.HandleAsync(context, ResourcePath.Parse(group, version, rest) ?? throw ApiException.UnknownPath());
                return;
            default:
                throw ApiException.UnknownPath();
        }
    }

    private JsonObject VersionDocument() => new()
    {
        ["major"] = "1",
        ["minor"] = reportedMinorVersion,
        ["gitVersion"] = $"v1.{reportedMinorVersion}.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>Aggregated discovery when the Accept header asks for it (answered with the matching Content-Type,
    /// which is how client-go tells the formats apart), legacy discovery otherwise.</summary>
    private async Task DiscoveryAsync(HttpContext context, bool core)
    {
        context.Response.Headers.Vary = "Accept";
        foreach (var accepted in context.Request.Headers.Accept.ToString().Split(','))
        {
            if (!accepted.Contains(AggregatedDiscoveryAs, StringComparison.Ordinal)) continue;
            var parameters = accepted.Split(';').Select(p => p.Trim()).ToList();
            var version = parameters.FirstOrDefault(p => p.StartsWith("v=", StringComparison.Ordinal))?[2..];
            if (version is not ("v2" or "v2beta1")) continue;
            await HttpJson.WriteAsync(context, 200, Discovery.Aggregated(registry, core, $"apidiscovery.k8s.io/{version}"),
                $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList");
            return;
        }
        var legacy = core ? Discovery.ApiVersions(context.Request.Host.Value ?? "127.0.0.1") : Discovery.GroupList(registry);
        await HttpJson.WriteAsync(context, 200, legacy);
    }

    private async Task OpenApiDocumentAsync(HttpContext context, string key)
    {
        if (openApi.Find(key) is not { } document) throw ApiException.UnknownPath();
        var response = context.Response;
        if (context.Request.Query["hash"].ToString() == document.Hash)
        {
            response.Headers.CacheControl = "public, immutable";
            response.Headers.Expires = "Thu, 01 Jan 2099 00:00:00 GMT";
        }
        else
        {
            response.Headers.CacheControl = "no-cache, private";
        }
        response.Headers.ETag = $"\"{document.Hash}\"";
        response.StatusCode = 200;
        response.ContentType = HttpJson.JsonContentType;
        response.ContentLength = document.Document.Length;
        await response.Body.WriteAsync(document.Document, context.RequestAborted);
    }

    private static Task WriteOrNotFoundAsync(HttpContext context, JsonObject? document) =>
        document is null ? throw ApiException.UnknownPath() : HttpJson.WriteAsync(context, 200, document);
}
