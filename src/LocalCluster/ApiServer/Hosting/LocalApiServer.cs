using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Auth;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Features;
using VisitCounter.LocalCluster.ApiServer.Http;
using VisitCounter.LocalCluster.ApiServer.Metrics;
using VisitCounter.LocalCluster.ApiServer.Http.Streaming;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.OpenApi;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.ApiServer.Semantics;
using VisitCounter.LocalCluster.ApiServer.Storage;

namespace VisitCounter.LocalCluster.ApiServer.Hosting;

/// <summary>
/// An embedded Kubernetes API server on Kestrel: what envtest's kube-apiserver is to Go operators. The real
/// kubectl and our operator use it through the kubeconfig it writes; in-process controllers use <see cref="Store"/>.
/// </summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _proxyClient;
    private int _disposed;

    private LocalApiServer(WebApplication app, HttpClient proxyClient, Uri baseAddress, string kubeconfigPath, string? token, string? caPem, IObjectStore store,
        ServiceAccountTokens serviceAccountTokens, AuthorizationCounters authorization)
    {
        ServiceAccountTokens = serviceAccountTokens;
        Authorization = authorization;
        _app = app;
        _proxyClient = proxyClient;
        BaseAddress = baseAddress;
        KubeconfigPath = kubeconfigPath;
        Token = token;
        CaCertificatePem = caPem;
        Store = store;
    }

    /// <summary>Where the server listens, e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The kubeconfig file for this server (context <c>local</c>, namespace <c>default</c>).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The bearer token clients must send (null over plain HTTP).</summary>
    public string? Token { get; }

    /// <summary>The CA certificate (PEM) that signed the serving certificate (null over plain HTTP).</summary>
    public string? CaCertificatePem { get; }

    /// <summary>In-process access to objects, on the same code path as HTTP requests.</summary>
    public IObjectStore Store { get; }

    /// <summary>Mints service account tokens (the kubelet's projected token) and checks them.</summary>
    public ServiceAccountTokens ServiceAccountTokens { get; }

    /// <summary>Allowed and denied requests, with the denials' messages (a component under RBAC should cause none).</summary>
    public AuthorizationCounters Authorization { get; }

    /// <summary>Starts a server; the data directory's objects (if any) are loaded, so a restart keeps every object.</summary>
    public static async Task<LocalApiServer> StartAsync(LocalApiServerOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Bad gates fail the start, before any file is written, as kube-apiserver refuses a bad --feature-gates.
        var featureGates = FeatureGates.Resolve(options.ReportedMinorVersion, options.FeatureGates);
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<LocalApiServer>();
        Directory.CreateDirectory(options.DataDirectory);
        var credentials = options.Https ? ServerCredentials.LoadOrCreate(options.DataDirectory) : null;

        var registry = new ResourceRegistry();
        var store = new VersionedStore(new FileObjectPersistence(options.DataDirectory), options.WatchWindowSize);
        // A server that authenticates service accounts gives pods their token, as kube-apiserver's built-in
        // ServiceAccount plugin does before any webhook.
        IReadOnlyList<IMutatingAdmission> admission = credentials is null
            ? options.MutatingAdmission
            : [new ServiceAccountAdmission((ns, name) => store.Get(ResourceRef.ServiceAccounts, new ObjectKey(ns, name))), .. options.MutatingAdmission];
        var service = new ResourceService(registry, store, new ApiSemantics(options.OpenApiFolder is null ? null : Validation.BuiltinSchemas.Load(options.OpenApiFolder)),
            options.Time, logger, featureGates, admission);
        service.RestoreCustomResources();
        Seed(service);

        var proxyClient = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var watches = new WatchStreamer(service, options.Time, options.BookmarkInterval);
        var pods = new PodEndpoints(service, options.PodLogs ?? new NoPodLogs(), proxyClient);
        var tokens = ServiceAccountTokens.LoadOrCreate(options.DataDirectory, store, options.Time);
        var metrics = new ApiServerMetrics();
        var access = new AccessControl(credentials?.Token, tokens, store, new AuthorizationCounters(metrics));
        var streams = new PodStreams(new ExecEndpoint(service, options.PodExec ?? new NoPodExec()), new PortForwardEndpoint(service, loggerFactory));
        var resources = new ResourceHandler(service, watches, pods, streams, new TokenRequestEndpoint(tokens), new AccessReviewEndpoint(access),
            new EvictionEndpoint(service, options.Time), access,
            options.Time, options.DefaultWatchTimeout);
        var endpoint = new ApiEndpoint(registry, resources, new OpenApiDocuments(registry, options.OpenApiFolder),
            access, options.ReportedMinorVersion, metrics, options.Time, logger);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (credentials is not null) listen.UseHttps(credentials.ServingCertificate);
            });
        });
        var app = builder.Build();
        // exec and portforward switch to WebSocket (after authentication, in the endpoint).
        app.UseWebSockets();
        app.Run(endpoint.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        var baseAddress = new Uri($"{(credentials is null ? "http" : "https")}://{options.BindAddress}:{port}/");
        var kubeconfigPath = Path.Combine(options.DataDirectory, "kubeconfig");
        KubeconfigWriter.Write(kubeconfigPath, KubeconfigWriter.Render(baseAddress, credentials?.CaCertificatePem, credentials?.Token));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Local API server listening on {Address} (kubeconfig {Kubeconfig})", baseAddress, kubeconfigPath);
        }
        return new LocalApiServer(app, proxyClient, baseAddress, kubeconfigPath, credentials?.Token, credentials?.CaCertificatePem,
            new LocalObjectStore(service), tokens, access.Counters);
    }

    /// <summary>The namespaces, the default StorageClass and the bootstrap RBAC policy every cluster starts with.</summary>
    private static void Seed(ResourceService service)
    {
        var namespaces = service.Registry.Get(ResourceRef.Namespaces);
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            CreateIfMissing(service, namespaces, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = name },
            });
        }
        CreateIfMissing(service, service.Registry.Get(ResourceRef.StorageClasses), new JsonObject
        {
            ["apiVersion"] = "storage.k8s.io/v1",
            ["kind"] = "StorageClass",
            ["metadata"] = new JsonObject
            {
                ["name"] = "standard",
                ["annotations"] = new JsonObject { ["storageclass.kubernetes.io/is-default-class"] = "true" },
            },
            ["provisioner"] = "local-cluster.visitcounter.io/hostpath",
            ["reclaimPolicy"] = "Delete",
            ["volumeBindingMode"] = "Immediate",
            ["allowVolumeExpansion"] = true,
        });
        foreach (var role in BootstrapPolicy.ClusterRoles())
        {
            CreateIfMissing(service, service.Registry.Get(ResourceRef.ClusterRoles), role);
        }
        foreach (var binding in BootstrapPolicy.ClusterRoleBindings())
        {
            CreateIfMissing(service, service.Registry.Get(ResourceRef.ClusterRoleBindings), binding);
        }
    }

    private static void CreateIfMissing(ResourceService service, ResourceDefinition definition, JsonObject obj)
    {
        if (service.TryGet(definition, null, Meta.Name(obj)) is not null) return;
        try
        {
            service.Create(definition, null, obj, new WriteOptions(FieldManager: "local-cluster"));
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // Already there.
        }
    }

    /// <summary>Stops listening and ends open watches. Every acknowledged write is already on disk.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stop.Token);
        }
        await _app.DisposeAsync();
        _proxyClient.Dispose();
    }
}
