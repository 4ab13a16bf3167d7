using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VisitCounter.Kube.Tests.TestServers;

/// <summary>
/// A small, real Kubernetes-style API server on Kestrel (127.0.0.1, free port) for client tests:
/// create/get/list (label selector, limit/continue)/update (409 on stale resourceVersion)/status/
/// merge patch/delete/scale, and streaming watches with bookmarks, 410 Gone and dropped connections.
/// <see cref="Intercept"/> lets a test answer any request by hand.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<ObjectKey, JsonObject> objects = new();
    private readonly List<StoredEvent> history = new();
    private readonly List<Watcher> watchers = new();
    private readonly WebApplication app;
    private long resourceVersion = 100;
    private long oldestWatchableVersion;

    private FakeApiServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Root URL, e.g. <c>https://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request seen, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers a request instead of the built-in logic when it returns true.</summary>
    public Func<HttpContext, Task<bool>>? Intercept { get; set; }

    /// <summary>Current resourceVersion of the whole store.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (gate)
            {
                return resourceVersion;
            }
        }
    }

    /// <summary>Starts the server.</summary>
    public static async Task<FakeApiServer> StartAsync(FakeApiServerOptions? options = null)
    {
        options ??= new FakeApiServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (options.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = certificate;
                        if (options.ClientCertificateAuthority is { } ca)
                        {
                            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                            https.ClientCertificateValidation = (client, _, _) => TestCertificates.IsIssuedBy(client, ca);
                        }
                    });
                }
            });
        });
        var app = builder.Build();
        FakeApiServer? server = null;
        app.Run(context => server!.HandleAsync(context, options));
        await app.StartAsync();
        var address = app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        server = new FakeApiServer(app, new Uri(address));
        return server;
    }

    /// <summary>Adds or replaces an object directly, as if another client had written it (emits a watch event).</summary>
    public JsonObject Put(string groupVersion, string plural, string? @namespace, JsonObject obj)
    {
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? throw new ArgumentException("metadata.name required");
        var key = new ObjectKey(groupVersion, plural, @namespace, name);
        lock (gate)
        {
            var type = objects.ContainsKey(key) ? "MODIFIED" : "ADDED";
            return Commit(key, obj, type);
        }
    }

    /// <summary>Deletes an object directly (emits DELETED).</summary>
    public void Remove(string groupVersion, string plural, string? @namespace, string name)
    {
        lock (gate)
        {
            var key = new ObjectKey(groupVersion, plural, @namespace, name);
            if (objects.Remove(key, out var existing))
            {
                Emit("DELETED", key, Bump(existing));
            }
        }
    }

    /// <summary>Forgets history before the current version, so watches from older versions get 410 Gone.</summary>
    public void Compact()
    {
        lock (gate)
        {
            oldestWatchableVersion = resourceVersion;
            history.Clear();
        }
    }

    /// <summary>Sends a BOOKMARK with the current resourceVersion to watchers that asked for bookmarks.</summary>
    public void SendBookmark(string apiVersion, string kind)
    {
        lock (gate)
        {
            var rv = resourceVersion.ToString(CultureInfo.InvariantCulture);
            var bookmark = new JsonObject
            {
                ["type"] = "BOOKMARK",
                ["object"] = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["resourceVersion"] = rv } },
            };
            foreach (var watcher in watchers.Where(w => w.Bookmarks))
            {
                watcher.Lines.Writer.TryWrite(bookmark.ToJsonString());
            }
        }
    }

    /// <summary>Aborts every open watch connection mid-stream (no clean end of the chunked body).</summary>
    public void DropWatches()
    {
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                watcher.Context.Abort();
            }
        }
    }

    /// <summary>Number of open watch connections.</summary>
    public int WatcherCount
    {
        get
        {
            lock (gate)
            {
                return watchers.Count;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                watcher.Lines.Writer.TryComplete();
            }
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, FakeApiServerOptions options)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        Requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            request.QueryString.Value ?? string.Empty,
            request.Headers.Authorization.ToString(),
            request.ContentType,
            body,
            context.Connection.ClientCertificate?.Subject));

        if (options.AcceptBearerToken is { } accept)
        {
            var header = request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
            if (!accept(token))
            {
                await WriteStatusAsync(context, 401, "Unauthorized", "Unauthorized");
                return;
            }
        }

        if (Intercept is { } intercept && await intercept(context))
        {
            return;
        }

        if (!ResourceRoute.TryParse(request.Path.Value ?? string.Empty, out var route))
        {
            await WriteStatusAsync(context, 404, "NotFound", $"the server could not find the requested resource {request.Path}");
            return;
        }

        await RouteAsync(context, route, body);
    }

    private Task RouteAsync(HttpContext context, ResourceRoute route, string body)
    {
        var method = context.Request.Method;
        var query = context.Request.Query;
        return (method, route.Name, route.Subresource) switch
        {
            ("GET", null, _) when query["watch"] == "true" => WatchAsync(context, route),
            ("GET", null, _) => ListAsync(context, route),
            ("POST", null, _) => CreateAsync(context, route, body),
            ("GET", not null, null) => GetAsync(context, route),
            ("GET", not null, "scale") => GetScaleAsync(context, route),
            ("PUT", not null, "scale") => PutScaleAsync(context, route, body),
            ("PUT", not null, _) => ReplaceAsync(context, route, body),
            ("PATCH", not null, _) => PatchAsync(context, route, body),
            ("DELETE", not null, null) => DeleteAsync(context, route),
            _ => WriteStatusAsync(context, 405, "MethodNotAllowed", $"{method} is not supported on {context.Request.Path}"),
        };
    }

    private Task GetAsync(HttpContext context, ResourceRoute route)
    {
        lock (gate)
        {
            if (objects.TryGetValue(route.Key, out var obj))
            {
                return WriteJsonAsync(context, 200, obj);
            }
        }

        return NotFoundAsync(context, route);
    }

    private Task ListAsync(HttpContext context, ResourceRoute route)
    {
        var query = context.Request.Query;
        var selector = LabelSelector.Parse(query["labelSelector"]);
        var limit = int.TryParse(query["limit"], out var l) ? l : int.MaxValue;
        var offset = int.TryParse(query["continue"], out var c) ? c : 0;
        JsonArray items;
        string? next;
        string rv;
        lock (gate)
        {
            var all = objects
                .Where(pair => pair.Key.GroupVersion == route.GroupVersion && pair.Key.Plural == route.Plural
                               && (route.Namespace is null || pair.Key.Namespace == route.Namespace)
                               && selector.Matches(pair.Value))
                .OrderBy(pair => pair.Key.Namespace, StringComparer.Ordinal).ThenBy(pair => pair.Key.Name, StringComparer.Ordinal)
                .Select(pair => pair.Value.DeepClone())
                .ToList();
            items = new JsonArray(all.Skip(offset).Take(limit).ToArray());
            next = offset + limit < all.Count ? (offset + limit).ToString(CultureInfo.InvariantCulture) : null;
            rv = resourceVersion.ToString(CultureInfo.InvariantCulture);
        }

        var list = new JsonObject
        {
            ["apiVersion"] = route.GroupVersion,
            ["kind"] = "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv, ["continue"] = next },
            ["items"] = items,
        };
        return WriteJsonAsync(context, 200, list);
    }

    private Task CreateAsync(HttpContext context, ResourceRoute route, string body)
    {
        var obj = JsonNode.Parse(body)!.AsObject();
        var metadata = obj["metadata"]!.AsObject();
        var name = metadata["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return WriteInvalidAsync(context, route, "metadata.name", "Required value: name is required");
        }

        var key = route.Key with { Name = name };
        lock (gate)
        {
            if (objects.ContainsKey(key))
            {
                return WriteStatusAsync(context, 409, "AlreadyExists", $"{route.Plural} \"{name}\" already exists", name, route.Plural);
            }

            metadata["namespace"] = route.Namespace;
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = "2024-05-01T10:00:00Z";
            metadata["generation"] = 1;
            return WriteJsonAsync(context, 201, Commit(key, obj, "ADDED"));
        }
    }

    private Task ReplaceAsync(HttpContext context, ResourceRoute route, string body)
    {
        var incoming = JsonNode.Parse(body)!.AsObject();
        lock (gate)
        {
            if (!objects.TryGetValue(route.Key, out var existing))
            {
                return NotFoundAsync(context, route);
            }

            var sentVersion = incoming["metadata"]?["resourceVersion"]?.GetValue<string>();
            var storedVersion = existing["metadata"]!["resourceVersion"]!.GetValue<string>();
            if (!string.IsNullOrEmpty(sentVersion) && sentVersion != storedVersion)
            {
                return WriteStatusAsync(context, 409, "Conflict",
                    $"Operation cannot be fulfilled on {route.Plural} \"{route.Name}\": the object has been modified; please apply your changes to the latest version and try again",
                    route.Name, route.Plural);
            }

            var updated = existing.DeepClone().AsObject();
            if (route.Subresource == "status")
            {
                updated["status"] = incoming["status"]?.DeepClone();
            }
            else
            {
                var metadata = updated["metadata"]!.AsObject();
                var specChanged = !JsonNode.DeepEquals(existing["spec"], incoming["spec"]);
                updated = incoming.DeepClone().AsObject();
                updated["status"] = existing["status"]?.DeepClone();
                var newMetadata = updated["metadata"]!.AsObject();
                newMetadata["uid"] = metadata["uid"]?.DeepClone();
                newMetadata["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone();
                newMetadata["namespace"] = route.Namespace;
                var generation = metadata["generation"]?.GetValue<long>() ?? 1;
                newMetadata["generation"] = specChanged ? generation + 1 : generation;
            }

            return WriteJsonAsync(context, 200, Commit(route.Key, updated, "MODIFIED"));
        }
    }

    private Task PatchAsync(HttpContext context, ResourceRoute route, string body)
    {
        var contentType = context.Request.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal)
            && !contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal)
            && !contentType.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal))
        {
            return WriteStatusAsync(context, 415, "UnsupportedMediaType", $"the fake server does not apply {contentType} patches");
        }

        lock (gate)
        {
            if (!objects.TryGetValue(route.Key, out var existing))
            {
                return NotFoundAsync(context, route);
            }

            var patch = JsonNode.Parse(body);
            var target = route.Subresource == "status"
                ? new JsonObject { ["status"] = patch?["status"]?.DeepClone() }
                : patch;
            var merged = MergePatch.Apply(existing.DeepClone(), target)!.AsObject();
            return WriteJsonAsync(context, 200, Commit(route.Key, merged, "MODIFIED"));
        }
    }

    private Task DeleteAsync(HttpContext context, ResourceRoute route)
    {
        lock (gate)
        {
            if (!objects.Remove(route.Key, out var existing))
            {
                return NotFoundAsync(context, route);
            }

            var last = Bump(existing);
            Emit("DELETED", route.Key, last);
            return WriteJsonAsync(context, 200, last);
        }
    }

    private Task GetScaleAsync(HttpContext context, ResourceRoute route)
    {
        lock (gate)
        {
            return objects.TryGetValue(route.Key, out var obj)
                ? WriteJsonAsync(context, 200, ScaleOf(obj))
                : NotFoundAsync(context, route);
        }
    }

    private Task PutScaleAsync(HttpContext context, ResourceRoute route, string body)
    {
        var scale = JsonNode.Parse(body)!.AsObject();
        lock (gate)
        {
            if (!objects.TryGetValue(route.Key, out var existing))
            {
                return NotFoundAsync(context, route);
            }

            var updated = existing.DeepClone().AsObject();
            updated["spec"]!["replicas"] = scale["spec"]?["replicas"]?.DeepClone();
            return WriteJsonAsync(context, 200, ScaleOf(Commit(route.Key, updated, "MODIFIED")));
        }
    }

    private static JsonObject ScaleOf(JsonObject obj) => new()
    {
        ["apiVersion"] = "autoscaling/v1",
        ["kind"] = "Scale",
        ["metadata"] = new JsonObject
        {
            ["name"] = obj["metadata"]!["name"]!.DeepClone(),
            ["namespace"] = obj["metadata"]!["namespace"]?.DeepClone(),
            ["resourceVersion"] = obj["metadata"]!["resourceVersion"]!.DeepClone(),
        },
        ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() },
        ["status"] = new JsonObject { ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0 },
    };

    private async Task WatchAsync(HttpContext context, ResourceRoute route)
    {
        var query = context.Request.Query;
        var fromVersion = long.TryParse(query["resourceVersion"], out var v) ? v : 0;
        var selector = LabelSelector.Parse(query["labelSelector"]);
        var watcher = new Watcher(route, selector, query["allowWatchBookmarks"] == "true", context);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        lock (gate)
        {
            if (fromVersion != 0 && fromVersion < oldestWatchableVersion)
            {
                var gone = StatusObject(410, "Expired", $"too old resource version: {fromVersion} ({oldestWatchableVersion})");
                watcher.Lines.Writer.TryWrite(new JsonObject { ["type"] = "ERROR", ["object"] = gone }.ToJsonString());
                watcher.Lines.Writer.TryComplete();
            }
            else
            {
                var replay = fromVersion == 0
                    ? objects.Where(pair => watcher.Wants(pair.Key, pair.Value))
                        .Select(pair => new StoredEvent(0, "ADDED", pair.Key, pair.Value))
                    : history.Where(e => e.ResourceVersion > fromVersion && watcher.Wants(e.Key, e.Object));
                foreach (var e in replay)
                {
                    watcher.Lines.Writer.TryWrite(EventLine(e.Type, e.Object));
                }

                watchers.Add(watcher);
            }
        }

        var timeout = int.TryParse(query["timeoutSeconds"], out var seconds) ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        expiry.CancelAfter(timeout);
        try
        {
            await context.Response.StartAsync(context.RequestAborted);
            await foreach (var line in watcher.Lines.Reader.ReadAllAsync(expiry.Token))
            {
                await context.Response.WriteAsync(line + "\n", expiry.Token);
                await context.Response.Body.FlushAsync(expiry.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: the stream simply ends, as the real server does.
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(watcher);
            }
        }
    }

    private JsonObject Commit(ObjectKey key, JsonObject obj, string type)
    {
        var stored = Bump(obj);
        objects[key] = stored;
        Emit(type, key, stored);
        return stored;
    }

    private JsonObject Bump(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        resourceVersion++;
        var metadata = copy["metadata"] as JsonObject ?? new JsonObject();
        metadata["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        copy["metadata"] = metadata;
        return copy;
    }

    private void Emit(string type, ObjectKey key, JsonObject obj)
    {
        var e = new StoredEvent(resourceVersion, type, key, obj.DeepClone().AsObject());
        history.Add(e);
        foreach (var watcher in watchers.Where(w => w.Wants(key, obj)))
        {
            watcher.Lines.Writer.TryWrite(EventLine(type, obj));
        }
    }

    private static string EventLine(string type, JsonObject obj)
        => new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString();

    private static Task NotFoundAsync(HttpContext context, ResourceRoute route)
        => WriteStatusAsync(context, 404, "NotFound", $"{route.Plural} \"{route.Name}\" not found", route.Name, route.Plural);

    private static Task WriteInvalidAsync(HttpContext context, ResourceRoute route, string field, string message)
    {
        var status = StatusObject(422, "Invalid", $"{route.Plural} is invalid: {field}: {message}");
        status["details"] = new JsonObject
        {
            ["kind"] = route.Plural,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueRequired", ["message"] = message, ["field"] = field }),
        };
        return WriteJsonAsync(context, 422, status);
    }

    /// <summary>Writes a metav1.Status error like the real API server.</summary>
    public static Task WriteStatusAsync(HttpContext context, int code, string reason, string message, string? name = null, string? kind = null)
    {
        var status = StatusObject(code, reason, message);
        if (name is not null)
        {
            status["details"] = new JsonObject { ["name"] = name, ["kind"] = kind };
        }

        return WriteJsonAsync(context, code, status);
    }

    /// <summary>A metav1.Status failure object.</summary>
    public static JsonObject StatusObject(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    /// <summary>Writes a JSON body.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private sealed class Watcher(ResourceRoute route, LabelSelector selector, bool bookmarks, HttpContext context)
    {
        public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();

        public bool Bookmarks => bookmarks;

        public HttpContext Context => context;

        public bool Wants(ObjectKey key, JsonObject obj)
            => key.GroupVersion == route.GroupVersion && key.Plural == route.Plural
               && (route.Namespace is null || key.Namespace == route.Namespace)
               && selector.Matches(obj);
    }
}

/// <summary>What the fake server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Authorization, string? ContentType, string Body, string? ClientCertificateSubject);
