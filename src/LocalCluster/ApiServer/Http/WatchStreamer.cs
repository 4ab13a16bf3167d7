using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VisitCounter.Kube.Selectors;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Selectors;
using VisitCounter.LocalCluster.ApiServer.Storage;
using VisitCounter.LocalCluster.ApiServer.Tables;

namespace VisitCounter.LocalCluster.ApiServer.Http;

/// <summary>What a watch request asked for.</summary>
internal sealed record WatchRequest(
    ResourceDefinition Definition,
    string? Namespace,
    LabelSelector Labels,
    FieldSelector Fields,
    long? FromRevision,
    TimeSpan Timeout,
    bool Bookmarks,
    bool InitialEventsEndBookmark,
    bool AsTable,
    IncludeObject Include);

/// <summary>
/// Streams a watch as the real server does (https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes):
/// HTTP 200, chunked <c>application/json</c>, one <c>{"type","object"}</c> document per line, flushed per event.
/// Selector watches turn "started/stopped matching" into ADDED/DELETED like the watch cache. A too-old
/// resourceVersion is an ERROR event with a 410 Expired Status on the 200 stream, then the stream ends.
/// </summary>
internal sealed class WatchStreamer(ResourceService service, TimeProvider time, TimeSpan bookmarkInterval)
{
    public async Task StreamAsync(HttpContext context, WatchRequest request)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = HttpJson.JsonContentType;
        response.Headers.CacheControl = "no-cache, private";
        WatchChannel channel;
        try
        {
            channel = service.Watch(request.Definition, request.Namespace, request.FromRevision);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            await WriteEventAsync(response, "ERROR", e.ToStatus(), context.RequestAborted);
            return;
        }
        using (channel)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(request.Timeout);
            await response.StartAsync(context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await PumpAsync(response, channel, request, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // The timeout elapsed or the client went away: ending the stream is the normal end of a watch.
            }
        }
    }

    private async Task PumpAsync(HttpResponse response, WatchChannel channel, WatchRequest request, CancellationToken cancellationToken)
    {
        var lastRevision = Math.Max(request.FromRevision ?? 0, channel.StartRevision);
        var initialEvents = channel.InitialEventCount;
        var columnsSent = false;
        if (request.InitialEventsEndBookmark && initialEvents == 0)
        {
            await WriteBookmarkAsync(response, request, lastRevision, true, cancellationToken);
        }
        var nextBookmark = time.GetUtcNow() + bookmarkInterval;
        while (true)
        {
            StoreEvent? e;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (request.Bookmarks) wait.CancelAfter(Max(TimeSpan.Zero, nextBookmark - time.GetUtcNow()));
                try
                {
                    e = await channel.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    e = null;
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    return;
                }
            }
            if (e is null)
            {
                await WriteBookmarkAsync(response, request, lastRevision, false, cancellationToken);
                nextBookmark = time.GetUtcNow() + bookmarkInterval;
                continue;
            }
            lastRevision = Math.Max(lastRevision, e.ResourceVersion);
            var type = EventTypeFor(e, request);
            if (type is not null)
            {
                var obj = (JsonObject)e.Object.DeepClone();
                JsonNode payload = request.AsTable
                    ? TableConverter.Table(request.Definition, [obj], Meta.ResourceVersion(obj) ?? "", null, null, request.Include, !columnsSent, time.GetUtcNow())
                    : obj;
                columnsSent = true;
                await WriteEventAsync(response, type, payload, cancellationToken);
            }
            if (initialEvents > 0 && --initialEvents == 0 && request.InitialEventsEndBookmark)
            {
                await WriteBookmarkAsync(response, request, channel.StartRevision, true, cancellationToken);
            }
        }
    }

    /// <summary>The type to send for a committed event under the request's selectors, or null to skip it.</summary>
    private static string? EventTypeFor(StoreEvent e, WatchRequest request)
    {
        bool Matches(JsonObject? o) => o is not null && request.Labels.Matches(Meta.Labels(o)) && request.Fields.Matches(o);
        var now = Matches(e.Object);
        var before = Matches(e.PreviousObject);
        return e.Type switch
        {
            WatchEventType.Added => now ? "ADDED" : null,
            WatchEventType.Deleted => now || before ? "DELETED" : null,
            _ when now && before => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
    }

    private static Task WriteBookmarkAsync(HttpResponse response, WatchRequest request, long revision, bool initialEventsEnd, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (initialEventsEnd) metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        var bookmark = new JsonObject
        {
            ["kind"] = request.Definition.Kind,
            ["apiVersion"] = request.Definition.Ref.ApiVersion,
            ["metadata"] = metadata,
        };
        return WriteEventAsync(response, "BOOKMARK", bookmark, cancellationToken);
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, JsonNode payload, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = payload };
        var bytes = HttpJson.Serialize(line);
        var framed = new byte[bytes.Length + 1];
        bytes.CopyTo(framed, 0);
        framed[^1] = (byte)'\n';
        await response.Body.WriteAsync(framed, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

}
