using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Kube.Configuration;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Client;

/// <summary>
/// <see cref="IKubernetesClient"/> over HttpClient. JSON goes through the given options' resolvers only
/// (source generation, AOT-safe); credentials come from the configuration's <see cref="ICredentialProvider"/>
/// and are refreshed once when the server answers 401.
/// </summary>
public sealed class KubernetesClient : IKubernetesClient, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly ICredentialProvider credentials;
    private readonly JsonSerializerOptions json;
    private readonly ILogger logger;
    private readonly TimeSpan requestTimeout;
    private readonly string defaultNamespace;
    private X509Certificate2? clientCertificate;

    /// <summary>Creates a client for <paramref name="configuration"/>.</summary>
    /// <param name="configuration">Server, TLS and credentials.</param>
    /// <param name="jsonOptions">Options from <see cref="KubernetesJson.Create"/> that know every entity type used; default: built-in models only.</param>
    /// <param name="logger">Request-level debug logging.</param>
    /// <param name="timeProvider">Clock for credential caching.</param>
    public KubernetesClient(
        KubernetesClientConfiguration configuration,
        JsonSerializerOptions? jsonOptions = null,
        ILogger<KubernetesClient>? logger = null,
        TimeProvider? timeProvider = null)
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
            return await SendForAsync(HttpMethod.Get, path, null, TypeInfo<TEntity>(), ct);
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
        return SendForAsync(HttpMethod.Get, path, null, TypeInfo<EntityList<TEntity>>(), ct);
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
        var path = ResourcePath.For(metadata, NamespaceFor(metadata, entity.Metadata.Namespace));
        return SendForAsync(HttpMethod.Post, path, JsonContent(entity), TypeInfo<TEntity>(), ct);
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
            using var response = await SendAsync(HttpMethod.Delete, path, body, HttpCompletionOption.ResponseContentRead, ct);
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
        return SendForAsync(HttpMethod.Get, path, null, TypeInfo<V1Scale>(), ct);
    }

    /// <inheritdoc />
    public Task<V1Scale> ReplaceScaleAsync<TEntity>(string name, string? @namespace, V1Scale scale, CancellationToken ct = default)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(scale);
        var entity = EntityMetadata.For<TEntity>();
        var ns = NamespaceFor(entity, @namespace ?? scale.Metadata.Namespace);
        var path = ResourcePath.For(entity, ns, RequireName(name), "scale");
        return SendForAsync(HttpMethod.Put, path, JsonContent(scale), TypeInfo<V1Scale>(), ct);
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

        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, ct, applyTimeout: false);
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
        using var response = await SendAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private async Task<string?> ReadEventLineAsync(StreamReader reader, string path, CancellationToken ct)
    {
        try
        {
            return await reader.ReadLineAsync(ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
        {
            // Like client-go, a connection dropped mid-stream ends this watch; the caller resumes from its last resourceVersion.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug(e, "Watch stream {Path} ended early: {Error}", path, e.Message);
            }

            return null;
        }
    }

    private Task<TEntity> ReplaceAsync<TEntity>(TEntity entity, string? subresource, CancellationToken ct)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var metadata = EntityMetadata.For<TEntity>();
        var path = ResourcePath.For(metadata, NamespaceFor(metadata, entity.Metadata.Namespace), RequireName(entity.Metadata.Name), subresource);
        return SendForAsync(HttpMethod.Put, path, JsonContent(entity), TypeInfo<TEntity>(), ct);
    }

    private Task<TEntity> PatchCoreAsync<TEntity>(string name, string? @namespace, KubernetesPatch patch, string? subresource, CancellationToken ct)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Type == PatchType.Apply && string.IsNullOrEmpty(patch.FieldManager))
        {
            throw new ArgumentException("A server-side apply patch needs a FieldManager.", nameof(patch));
        }

        var entity = EntityMetadata.For<TEntity>();
        var path = ResourcePath.WithQuery(
            ResourcePath.For(entity, NamespaceFor(entity, @namespace), RequireName(name), subresource),
            ("fieldManager", NullIfEmpty(patch.FieldManager)),
            ("force", patch.Type == PatchType.Apply && patch.Force == true ? "true" : null));
        var content = new StringContent(patch.Body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(patch.ContentType);
        return SendForAsync(HttpMethod.Patch, path, content, TypeInfo<TEntity>(), ct);
    }

    private async Task<T> SendForAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, HttpCompletionOption.ResponseContentRead, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        return await JsonSerializer.DeserializeAsync(stream, typeInfo, ct)
            ?? throw new JsonException($"{method} {path} answered an empty JSON body.");
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, CancellationToken ct, bool applyTimeout = true)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (applyTimeout)
        {
            timeout.CancelAfter(requestTimeout);
        }

        // Buffer the body so the request can be sent twice when a 401 makes us refresh credentials.
        var body = content is null ? null : await content.ReadAsByteArrayAsync(ct);
        var contentType = content?.Headers.ContentType;
        content?.Dispose();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = contentType;
            }

            await ApplyCredentialsAsync(request, ct);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, completion, timeout.Token);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{method} {path} did not answer within {requestTimeout.TotalSeconds} s.", e);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{Method} {Path} -> {StatusCode}", method, path, (int)response.StatusCode);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    credentials.Invalidate();
                    continue;
                }

                throw await ToExceptionAsync(response, ct);
            }
        }
    }

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

        return ApiErrors.ToException(response.StatusCode, status, text);
    }

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
}
