using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Client.RateLimiting;
using VisitCounter.Kube.Client.Retries;
using VisitCounter.Kube.Configuration;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Client;

/// <summary>
/// <see cref="IKubernetesClient"/> over HttpClient. JSON goes through the given options' resolvers only
/// (source generation, AOT-safe); credentials come from the configuration's <see cref="ICredentialProvider"/>
/// and are refreshed once when the server answers 401. Every attempt first waits for the client-side rate limit
/// (<see cref="KubernetesClientConfiguration.Qps"/>/<see cref="KubernetesClientConfiguration.Burst"/>; a watch only for
/// its start); transient failures are retried by <see cref="RetryPolicy"/>'s rules; writes carry
/// <see cref="KubernetesClientConfiguration.FieldManager"/>.
/// </summary>
public sealed partial class KubernetesClient : IKubernetesClient, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly ICredentialProvider credentials;
    private readonly JsonSerializerOptions json;
    private readonly ILogger logger;
    private readonly TimeSpan requestTimeout;
    private readonly string defaultNamespace;
    private readonly string? fieldManager;
    private readonly string host;
    private readonly TimeProvider time;
    private readonly ClientRateLimiter? rateLimiter;
    private readonly RetryPolicy retryPolicy;
    private readonly IRestClientObserver? observer;
    private X509Certificate2? clientCertificate;

    /// <summary>Creates a client for <paramref name="configuration"/>.</summary>
    /// <param name="configuration">Server, TLS and credentials.</param>
    /// <param name="jsonOptions">Options from <see cref="KubernetesJson.Create"/> that know every entity type used; default: built-in models only.</param>
    /// <param name="logger">Request-level debug logging.</param>
    /// <param name="timeProvider">Clock for credential caching, the rate limit and retry delays.</param>
    /// <param name="observer">Sees every attempt (metrics); null: nobody.</param>
    public KubernetesClient(
        KubernetesClientConfiguration configuration,
        JsonSerializerOptions? jsonOptions = null,
        ILogger<KubernetesClient>? logger = null,
        TimeProvider? timeProvider = null,
        IRestClientObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!Uri.TryCreate(configuration.Host, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "https" && baseUri.Scheme != "http"))
        {
            throw new KubeconfigException($"The API server URL '{configuration.Host}' is not an absolute http(s) URL; fix the cluster's server field.");
        }

        // The provider loads (and validates) the client certificate now; the handshake reads it after the first GetCredentialsAsync.
        credentials = configuration.CreateCredentialProvider(timeProvider);
        json = jsonOptions ?? KubernetesJson.Default;
        this.logger = logger ?? NullLogger<KubernetesClient>.Instance;
        requestTimeout = configuration.RequestTimeout;
        defaultNamespace = string.IsNullOrEmpty(configuration.Namespace) ? "default" : configuration.Namespace;
        fieldManager = NullIfEmpty(configuration.FieldManager);
        host = baseUri.Authority;
        time = timeProvider ?? TimeProvider.System;
        this.observer = observer;
        rateLimiter = CreateRateLimiter(configuration, time);
        ArgumentNullException.ThrowIfNull(configuration.Retry, "KubernetesClientConfiguration.Retry");
        configuration.Retry.Validate();
        retryPolicy = new RetryPolicy(configuration.Retry);
        var handler = KubernetesHttpHandlerFactory.Create(configuration, () => Volatile.Read(ref clientCertificate));
        http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"),

            // Watches stream for as long as the server allows; per-request timeouts are applied below instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("visitcounter-kube", "1.0"));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The JSON options this client serializes with.</summary>
    public JsonSerializerOptions JsonOptions => json;

    /// <inheritdoc />
    public async Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var entity = EntityMetadata.For<TEntity>();
        var path = ResourcePath.For(entity, NamespaceFor(entity, @namespace), RequireName(name));
        try
        {
            return await SendForAsync(HttpMethod.Get, path, null, RequestSafety.Read, TypeInfo<TEntity>(), ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var entity = EntityMetadata.For<TEntity>();
        options ??= new ListOptions();
        var path = ResourcePath.WithQuery(
            ResourcePath.For(entity, @namespace),
            ("labelSelector", NullIfEmpty(options.LabelSelector)),
            ("fieldSelector", NullIfEmpty(options.FieldSelector)),
            ("limit", options.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("continue", NullIfEmpty(options.Continue)),
            ("resourceVersion", options.ResourceVersion));
        return SendForAsync(HttpMethod.Get, path, null, RequestSafety.Read, TypeInfo<EntityList<TEntity>>(), ct);
    }

    /// <inheritdoc />
    public async Task<EntityList<TEntity>> ListAllAsync<TEntity>(string? @namespace = null, ListOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        options ??= new ListOptions();
        var page = await ListAsync<TEntity>(@namespace, options, ct);
        var items = new List<TEntity>(page.Items);
        var resourceVersion = page.Metadata.ResourceVersion;
        while (!string.IsNullOrEmpty(page.Metadata.Continue))
        {
            // Later pages are served from the first page's snapshot; resourceVersion must not be sent with continue.
            page = await ListAsync<TEntity>(@namespace, options with { Continue = page.Metadata.Continue, ResourceVersion = null }, ct);
            items.AddRange(page.Items);
        }

        page.Items = items;
        page.Metadata.Continue = null;
        page.Metadata.RemainingItemCount = null;
        page.Metadata.ResourceVersion = resourceVersion ?? page.Metadata.ResourceVersion;
        return page;
    }

    /// <inheritdoc />
    public Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var metadata = EntityMetadata.For<TEntity>();
        var path = WithFieldManager(ResourcePath.For(metadata, NamespaceFor(metadata, entity.Metadata.Namespace)));

        // Without a name the server generates one, so a repeat after a lost answer would create a second object.
        var safety = string.IsNullOrEmpty(entity.Metadata.Name) ? RequestSafety.NonIdempotentWrite : RequestSafety.IdempotentWrite;
        return SendForAsync(HttpMethod.Post, path, JsonContent(entity), safety, TypeInfo<TEntity>(), ct);
    }

    /// <inheritdoc />
    public Task<TEntity> UpdateAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => ReplaceAsync(entity, subresource: null, ct);

    /// <inheritdoc />
    public Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => ReplaceAsync(entity, subresource: "status", ct);

    /// <inheritdoc />
    public Task<TEntity> PatchAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => PatchCoreAsync<TEntity>(name, @namespace, patch, subresource: null, ct);

    /// <inheritdoc />
    public Task<TEntity> PatchStatusAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => PatchCoreAsync<TEntity>(name, @namespace, patch, subresource: "status", ct);

    /// <inheritdoc />
    public async Task DeleteAsync<TEntity>(string name, string? @namespace = null, V1DeleteOptions? options = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var entity = EntityMetadata.For<TEntity>();
        var path = ResourcePath.For(entity, NamespaceFor(entity, @namespace), RequireName(name));
        var body = options is null ? null : JsonContent(options);
        try
        {
            using var response = await SendAsync(HttpMethod.Delete, path, body, HttpCompletionOption.ResponseContentRead, RequestSafety.IdempotentWrite, ct);
        }
        catch (NotFoundException)
        {
            // Already gone: the outcome the caller asked for.
        }
    }

    /// <inheritdoc />
    public Task<V1Scale> GetScaleAsync<TEntity>(string name, string? @namespace = null, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var entity = EntityMetadata.For<TEntity>();
        var path = ResourcePath.For(entity, NamespaceFor(entity, @namespace), RequireName(name), "scale");
        return SendForAsync(HttpMethod.Get, path, null, RequestSafety.Read, TypeInfo<V1Scale>(), ct);
    }

    /// <inheritdoc />
    public Task<V1Scale> ReplaceScaleAsync<TEntity>(string name, string? @namespace, V1Scale scale, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(scale);
        var entity = EntityMetadata.For<TEntity>();
        var ns = NamespaceFor(entity, @namespace ?? scale.Metadata.Namespace);
        var path = WithFieldManager(ResourcePath.For(entity, ns, RequireName(name), "scale"));
        return SendForAsync(HttpMethod.Put, path, JsonContent(scale), RequestSafety.IdempotentWrite, TypeInfo<V1Scale>(), ct);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WatchEvent<TEntity>> WatchAsync<TEntity>(
        string? @namespace, WatchOptions options, [EnumeratorCancellation] CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(options);
        var entity = EntityMetadata.For<TEntity>();
        var path = ResourcePath.WithQuery(
            ResourcePath.For(entity, @namespace),
            ("watch", "true"),
            ("resourceVersion", NullIfEmpty(options.ResourceVersion)),
            ("labelSelector", NullIfEmpty(options.LabelSelector)),
            ("fieldSelector", NullIfEmpty(options.FieldSelector)),
            ("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null),
            ("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var objectType = TypeInfo<TEntity>();
        var statusType = TypeInfo<V1Status>();

        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, RequestSafety.Read, ct, applyTimeout: false);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (true)
        {
            var line = await ReadEventLineAsync(reader, path, ct);
            if (line is null)
            {
                yield break;
            }

            if (line.Length > 0)
            {
                yield return WatchEventParser.Parse(line, objectType, statusType);
            }
        }
    }

    /// <inheritdoc />
    public async Task<string> GetRawAsync(string path, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var proxied = path.Contains("/proxy", StringComparison.Ordinal);
        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, RequestSafety.Read, ct, proxied: proxied);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static ClientRateLimiter? CreateRateLimiter(KubernetesClientConfiguration configuration, TimeProvider time)
    {
        if (configuration.Qps < 0)
        {
            return null;
        }

        if (configuration.Qps == 0 || double.IsNaN(configuration.Qps) || configuration.Burst < 1)
        {
            throw new ArgumentException(
                $"KubernetesClientConfiguration.Qps ({configuration.Qps}) and Burst ({configuration.Burst}) must be greater than 0 (a negative Qps switches the rate limit off).",
                nameof(configuration));
        }

        return new ClientRateLimiter(configuration.Qps, configuration.Burst, time);
    }

    private async Task<string?> ReadEventLineAsync(StreamReader reader, string path, CancellationToken ct)
    {
        try
        {
            return await reader.ReadLineAsync(ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
        {
            // Like client-go, a connection dropped mid-stream ends this watch; the caller resumes from its last resourceVersion.
            LogWatchEnded(logger, e, path, e.Message);

            return null;
        }
    }

    private Task<TEntity> ReplaceAsync<TEntity>(TEntity entity, string? subresource, CancellationToken ct)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var metadata = EntityMetadata.For<TEntity>();
        var path = WithFieldManager(ResourcePath.For(metadata, NamespaceFor(metadata, entity.Metadata.Namespace), RequireName(entity.Metadata.Name), subresource));
        return SendForAsync(HttpMethod.Put, path, JsonContent(entity), RequestSafety.IdempotentWrite, TypeInfo<TEntity>(), ct);
    }

    private Task<TEntity> PatchCoreAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, string? subresource, CancellationToken ct)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var (path, content, safety) = PatchRequest<TEntity>(name, @namespace, patch, subresource);
        return SendForAsync(HttpMethod.Patch, path, content, safety, TypeInfo<TEntity>(), ct);
    }

    /// <inheritdoc />
    public async Task<AppliedObject<TEntity>> ApplyAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Type != PatchType.Apply)
        {
            throw new ArgumentException($"ApplyAsync sends server-side apply patches only (was {patch.Type}); use PatchAsync for the others.", nameof(patch));
        }

        var (path, content, safety) = PatchRequest<TEntity>(name, @namespace, patch, subresource: null);
        using var response = await SendAsync(HttpMethod.Patch, path, content, HttpCompletionOption.ResponseContentRead, safety, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var stored = await JsonSerializer.DeserializeAsync(stream, TypeInfo<TEntity>(), ct)
            ?? throw new JsonException($"PATCH {path} answered an empty JSON body.");
        return new AppliedObject<TEntity>(stored, response.StatusCode == HttpStatusCode.Created);
    }

    private (string Path, StringContent Content, RequestSafety Safety) PatchRequest<TEntity>(string name, string? @namespace, KubernetesPatch patch, string? subresource)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(patch);

        // The patch's own manager wins (KubernetesPatch.Apply names one); otherwise the client's, as on every write.
        var manager = NullIfEmpty(patch.FieldManager) ?? fieldManager;
        if (patch.Type == PatchType.Apply && manager is null)
        {
            throw new ArgumentException("A server-side apply patch needs a FieldManager: name one in the patch or in KubernetesClientConfiguration.FieldManager.", nameof(patch));
        }

        var entity = EntityMetadata.For<TEntity>();
        var path = ResourcePath.WithQuery(
            ResourcePath.For(entity, NamespaceFor(entity, @namespace), RequireName(name), subresource),
            ("fieldManager", manager),
            ("force", patch.Type == PatchType.Apply && patch.Force == true ? "true" : null));
        var content = new StringContent(patch.Body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(patch.ContentType);

        // A JSON patch's "add" appends again when repeated; the other kinds set values and end in the same object.
        var safety = patch.Type == PatchType.Json ? RequestSafety.NonIdempotentWrite : RequestSafety.IdempotentWrite;
        return (path, content, safety);
    }

    private async Task<T> SendForAsync<T>(HttpMethod method, string path, HttpContent? content, RequestSafety safety, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, HttpCompletionOption.ResponseContentRead, safety, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        return await JsonSerializer.DeserializeAsync(stream, typeInfo, ct)
            ?? throw new JsonException($"{method} {path} answered an empty JSON body.");
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, RequestSafety safety, CancellationToken ct, bool applyTimeout = true, bool proxied = false)
    {
        // Buffer the body so the request can be sent again (a retry, or a 401 that made us refresh credentials).
        var body = content is null ? null : await content.ReadAsByteArrayAsync(ct);
        var contentType = content?.Headers.ContentType;
        content?.Dispose();
        var credentialsRefreshed = false;
        for (var retry = 0; ;)
        {
            await ThrottleAsync(method, ct);
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = contentType;
            }

            await ApplyCredentialsAsync(request, ct);
            var started = time.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await SendOnceAsync(request, completion, applyTimeout, ct);
            }
            catch (Exception e) when (TransportFailureOf(e, ct) is var failure and not TransportFailure.None)
            {
                observer?.RequestCompleted(method.Method, host, IRestClientObserver.NoResponseCode, time.GetElapsedTime(started));
                var wait = retryPolicy.NextDelay(safety, AttemptOutcome.Failed(failure), retry, Random.Shared.NextDouble());
                if (wait is not { } failureDelay)
                {
                    throw;
                }

                LogRetryAfterFailure(logger, method, path, failure, failureDelay, retry + 1);
                await Task.Delay(failureDelay, time, ct);
                retry++;
                continue;
            }

            var code = (int)response.StatusCode;
            observer?.RequestCompleted(method.Method, host, code.ToString(CultureInfo.InvariantCulture), time.GetElapsedTime(started));
            LogResponse(logger, method, path, code);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && !credentialsRefreshed)
                {
                    credentialsRefreshed = true;
                    credentials.Invalidate();
                    continue;
                }

                var error = await ToExceptionAsync(response, ct);
                var retryAfter = (error as ServerErrorException)?.RetryAfter;

                // Through a proxy path, a 5xx without a hint is the backend's answer (a pod that does not listen yet), not the
                // API server's momentary state: repeating it only spends the caller's time budget and our rate limit.
                var backendError = proxied && code >= 500 && retryAfter is null;
                if (backendError || retryPolicy.NextDelay(safety, AttemptOutcome.Answer(code, retryAfter), retry, Random.Shared.NextDouble()) is not { } delay)
                {
                    throw error;
                }

                LogRetryAfterAnswer(logger, method, path, code, error.Reason, delay, retry + 1);
                await Task.Delay(delay, time, ct);
                retry++;
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpCompletionOption completion, bool applyTimeout, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (applyTimeout)
        {
            timeout.CancelAfter(requestTimeout);
        }

        try
        {
            return await http.SendAsync(request, completion, timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.RequestUri} did not answer within {requestTimeout.TotalSeconds} s.", e);
        }
    }

    private async Task ThrottleAsync(HttpMethod method, CancellationToken ct)
    {
        if (rateLimiter is null)
        {
            return;
        }

        var waited = await rateLimiter.WaitAsync(ct);
        observer?.RateLimited(method.Method, host, waited);
    }

    /// <summary>Whether the server may have seen a request that got no answer; None for anything that is not a transport failure.</summary>
    private static TransportFailure TransportFailureOf(Exception error, CancellationToken ct) => error switch
    {
        _ when ct.IsCancellationRequested => TransportFailure.None,
        TimeoutException => TransportFailure.Timeout,

        // A rejected certificate will be rejected again: that needs a person, not a retry.
        HttpRequestException { InnerException: AuthenticationException } => TransportFailure.None,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError }
            => TransportFailure.NotSent,
        HttpRequestException or IOException => TransportFailure.ConnectionLost,
        _ => TransportFailure.None,
    };

    private async Task ApplyCredentialsAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var current = await credentials.GetCredentialsAsync(ct);
        if (current.ClientCertificate is not null)
        {
            Volatile.Write(ref clientCertificate, current.ClientCertificate);
        }

        if (current.BearerToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (current.BasicAuth is { Length: > 0 } basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
    }

    private async Task<KubernetesApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        V1Status? status = null;
        if (text.Contains("\"Status\"", StringComparison.Ordinal))
        {
            try
            {
                status = JsonSerializer.Deserialize(text, TypeInfo<V1Status>());
                if (status?.Kind != "Status")
                {
                    status = null;
                }
            }
            catch (JsonException)
            {
                // Not a Status (a proxy's HTML error page, say): the raw text goes into the synthesised one.
            }
        }

        var error = ApiErrors.ToException(response.StatusCode, status, text);
        if (RetryAfterHeader(response) is { } retryAfter && error.Status.Details?.RetryAfterSeconds is null)
        {
            // client-go reads the header; keeping it in the Status gives callers one place to look (ServerErrorException.RetryAfter).
            error.Status.Details ??= new V1StatusDetails();
            error.Status.Details.RetryAfterSeconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        }

        return error;
    }

    private TimeSpan? RetryAfterHeader(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    private StringContent JsonContent<T>(T value)
    {
        var content = new StringContent(JsonSerializer.Serialize(value, TypeInfo<T>()), Encoding.UTF8);
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private JsonTypeInfo<T> TypeInfo<T>() => json.GetRequiredTypeInfo<T>();

    private string? NamespaceFor(EntityMetadata entity, string? @namespace)
        => entity.Namespaced ? (string.IsNullOrEmpty(@namespace) ? defaultNamespace : @namespace) : null;

    private static string RequireName(string? name)
        => string.IsNullOrEmpty(name) ? throw new ArgumentException("The object needs metadata.name for this call.", nameof(name)) : name;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private string WithFieldManager(string path) => ResourcePath.WithQuery(path, ("fieldManager", fieldManager));

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} -> {StatusCode}")]
    private static partial void LogResponse(ILogger logger, HttpMethod method, string path, int statusCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying {Method} {Path} in {Delay} after {StatusCode} {Reason} (retry {Retry})")]
    private static partial void LogRetryAfterAnswer(ILogger logger, HttpMethod method, string path, int statusCode, string? reason, TimeSpan delay, int retry);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying {Method} {Path} in {Delay} after {Failure} (retry {Retry})")]
    private static partial void LogRetryAfterFailure(ILogger logger, HttpMethod method, string path, TransportFailure failure, TimeSpan delay, int retry);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch stream {Path} ended early: {Error}")]
    private static partial void LogWatchEnded(ILogger logger, Exception exception, string path, string error);
}
