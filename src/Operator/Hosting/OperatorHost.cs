using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Events;
using VisitCounter.Kube.Runtime;
using VisitCounter.Kube.Runtime.Hosting;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Predicates;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Controller;
using VisitCounter.Operator.Serialization;
using VisitCounter.Operator.Visits;

namespace VisitCounter.Operator.Hosting;

/// <summary>
/// Builds and runs the operator process: Kubernetes client, controller runtime with the VisitCounterApp controller,
/// <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>, and the host's SIGTERM handling for a graceful shutdown.
/// The <c>run</c> command and <c>visitcounter-local</c> (src/Local) both end here.
/// </summary>
public static partial class OperatorHost
{
    /// <summary>How long a pod gets to answer <c>/visits</c> before it is listed without a count.</summary>
    public static readonly TimeSpan VisitsTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The client configuration the flags select: an explicit kubeconfig/context, else the default chain (in-cluster included).</summary>
    public static KubernetesClientConfiguration ResolveConfiguration(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kubeconfig is not null || options.Context is not null
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig, options.Context)
            : KubernetesClientConfiguration.BuildDefaultConfig();
    }

    /// <summary>Builds the application; call <c>RunAsync</c> on it. Exposed for tests and <c>visitcounter-local</c>.</summary>
    /// <param name="options">The process options.</param>
    /// <param name="configuration">Where the API server is and how to authenticate.</param>
    /// <param name="configureServices">Runs after the operator's own registrations (tests replace the client with a faulty one).</param>
    public static WebApplication Build(OperatorOptions options, KubernetesClientConfiguration configuration, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = WebApplication.CreateSlimBuilder();
        ConfigureLogging(builder.Logging, options.LogFormat);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var address in new[] { options.MetricsBindAddress, options.HealthProbeBindAddress }.OfType<BindAddress>().Distinct())
            {
                kestrel.Listen(address.Address, address.Port);
            }
        });
        if (options.MetricsBindAddress is null && options.HealthProbeBindAddress is null)
        {
            // Both endpoints are switched off; without an explicit address Kestrel would open its default port.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        ConfigureServices(builder.Services, options, configuration);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        MapEndpoints(app, options);
        return app;
    }

    /// <summary>Runs the operator until SIGTERM/SIGINT or <paramref name="cancellationToken"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(OperatorOptions options, KubernetesClientConfiguration configuration, CancellationToken cancellationToken)
    {
        await using var app = Build(options, configuration);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VisitCounter.Operator");
        LogStarting(
            logger, configuration.Host, options.Namespace ?? "(all)", options.LeaderElect, options.AppImage,
            options.MetricsBindAddress ?? (object)"off", options.HealthProbeBindAddress ?? (object)"off");
        await app.RunAsync(cancellationToken);
        return 0;
    }

    /// <summary>Sets the log format of the process.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, LogFormat format)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();

        // Probes and scrapes arrive every few seconds; their request logs would bury the one line per reconcile.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The host's "Now listening on", "Content root path" lines: the start line already names both endpoints.
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        // Readiness is expected to fail until the caches synced; the health-check service would log every such
        // probe as an error. Kubernetes records probe failures itself, and a stopped operator loop logs its own error.
        logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }
    }

    private static void ConfigureServices(IServiceCollection services, OperatorOptions options, KubernetesClientConfiguration configuration)
    {
        // The flags set the client's rate limit; every write names the operator in managedFields.
        configuration.Qps = options.KubeApiQps;
        configuration.Burst = options.KubeApiBurst;
        configuration.FieldManager ??= OperatorDefaults.ComponentName;
        services.AddSingleton(options);
        services.AddSingleton(configuration);
        services.AddSingleton<IKubernetesClient>(sp => new KubernetesClient(
            configuration,
            OperatorJson.Options,
            sp.GetRequiredService<ILogger<KubernetesClient>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IRestClientObserver>()));

        // Events get a client of their own, as controller-runtime gives its recorder: a burst of events waits on that
        // client's token bucket, never on the one the reconcilers' reads and writes share.
        var eventsConfiguration = configuration.WithRateLimit(options.KubeApiEventsQps, options.KubeApiEventsBurst);
        services.AddKeyedSingleton<IKubernetesClient>(EventRecorder.ClientServiceKey, (sp, _) => new KubernetesClient(
            eventsConfiguration,
            OperatorJson.Options,
            sp.GetRequiredService<ILogger<KubernetesClient>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IRestClientObserver>()));
        services.AddSingleton<IAppEvents>(sp => new RecorderAppEvents(sp.GetRequiredService<IEventRecorder>()));
        services.AddHttpClient(nameof(DirectPodVisitsReader));
        services.AddSingleton<IPodVisitsReader>(sp => KubernetesClientConfiguration.IsInCluster()
            ? new DirectPodVisitsReader(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DirectPodVisitsReader)), VisitsTimeout, sp.GetRequiredService<ILogger<DirectPodVisitsReader>>())
            : new ApiServerProxyVisitsReader(sp.GetRequiredService<IKubernetesClient>(), VisitsTimeout, sp.GetRequiredService<ILogger<ApiServerProxyVisitsReader>>()));

        services.AddSingleton<VisitsSchedule>();
        services.AddSingleton(sp => new ChildCaches(
            sp.GetRequiredService<IEntityCache<V1StatefulSet>>(),
            sp.GetRequiredService<IEntityCache<V1Service>>(),
            sp.GetRequiredService<IEntityCache<V1Pod>>(),
            sp.GetRequiredService<IEntityCache<V1PersistentVolumeClaim>>(),
            sp.GetRequiredService<IEntityCache<V1PodDisruptionBudget>>()));

        // Lean caches: only what the operator manages (children, and the pods and claims their templates label),
        // without managedFields. Everything the reconciler reads comes from these.
        const string managed = AppLabels.CacheSelector;
        services.AddKubernetesOperator(runtime =>
            {
                runtime.Cache.StripManagedFields = true;
                runtime.Cache
                    .ByObject<V1StatefulSet>(managed)
                    .ByObject<V1Service>(managed)
                    .ByObject<V1Pod>(managed)
                    .ByObject<V1PersistentVolumeClaim>(managed)
                    .ByObject<V1PodDisruptionBudget>(managed);
                runtime.Namespace = options.Namespace;
                runtime.MaxConcurrentReconciles = options.MaxConcurrentReconciles;
                runtime.Events.Component = OperatorDefaults.ComponentName;
                runtime.LeaderElection.Enabled = options.LeaderElect;
                runtime.LeaderElection.LeaseName = OperatorDefaults.LeaderElectionLeaseName;

                // In a pod, the Lease lives next to the operator (see config/manager); elsewhere next to what it watches.
                runtime.LeaderElection.LeaseNamespace = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } own ? own : null;
            })
            .AddController<VisitCounterAppController, VisitCounterApp>(c => c
                .WithEventFilter(Predicates.Or(
                    Predicates.GenerationChanged<VisitCounterApp>(),
                    Predicates.LabelsChanged<VisitCounterApp>(),
                    Predicates.AnnotationsChanged<VisitCounterApp>(),
                    Predicates.DeletionRequested<VisitCounterApp>()))
                .Owns<V1StatefulSet>()
                .Owns<V1Service>()
                .Owns<V1PodDisruptionBudget>()

                // Pods and claims belong to the StatefulSet, not to the app: they find their app by its instance label.
                .Watches<V1Pod>(AppOfLabels)
                .Watches<V1PersistentVolumeClaim>(AppOfLabels));
    }

    private static IEnumerable<ObjectKey> AppOfLabels<T>(T entity)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (entity.Metadata.Labels?.TryGetValue(AppLabels.InstanceKey, out var app) == true && !string.IsNullOrEmpty(app))
        {
            yield return new ObjectKey(entity.Metadata.Namespace, app);
        }
    }

    private static void MapEndpoints(WebApplication app, OperatorOptions options)
    {
        if (options.MetricsBindAddress is { } metrics)
        {
            app.MapGet("/metrics", (MetricsRegistry registry) => Results.Text(registry.Render(), MetricsRegistry.ContentType))
                .RequireHost($"*:{metrics.Port}");
        }

        if (options.HealthProbeBindAddress is { } health)
        {
            app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(OperatorHealth.LiveTag) })
                .RequireHost($"*:{health.Port}");
            app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(OperatorHealth.ReadyTag) })
                .RequireHost($"*:{health.Port}");
        }
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Starting visitcounter-operator against {Server}, namespace {Namespace}, leader election {LeaderElect}, app image {AppImage}, metrics {MetricsAddress}, probes {ProbeAddress}")]
    private static partial void LogStarting(
        ILogger logger, string server, string @namespace, bool leaderElect, string appImage, object metricsAddress, object probeAddress);
}
