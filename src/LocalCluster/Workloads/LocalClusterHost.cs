using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.LocalCluster.ApiServer.Hosting;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.Workloads.Deployments;
using VisitCounter.LocalCluster.Workloads.GarbageCollection;
using VisitCounter.LocalCluster.Workloads.Kubelet;
using VisitCounter.LocalCluster.Workloads.Namespaces;
using VisitCounter.LocalCluster.Workloads.Services;
using VisitCounter.LocalCluster.Workloads.StatefulSets;
using VisitCounter.LocalCluster.Workloads.Volumes;

namespace VisitCounter.LocalCluster.Workloads;

/// <summary>
/// A complete local cluster: the <see cref="LocalApiServer"/> plus the controllers a cluster runs around it (the
/// StatefulSet controller, the garbage collector, the volume provisioner, the kubelet stand-in that runs pods as
/// local processes, and the service proxy). What <c>visitcounter-local</c> and end-to-end tests start. Disposing
/// it stops every pod process and the server; starting it again on the same data directory brings the pods back.
/// </summary>
public sealed partial class LocalClusterHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _controllers;
    private readonly Kubelet.Kubelet? _kubelet;
    private readonly ServiceProxy? _serviceProxy;
    private readonly ILogger _logger;
    private int _disposed;

    private LocalClusterHost(LocalApiServer server, Kubelet.Kubelet? kubelet, ServiceProxy? serviceProxy, Func<CancellationToken, Task[]> controllers, ILogger logger)
    {
        ApiServer = server;
        _kubelet = kubelet;
        _serviceProxy = serviceProxy;
        _logger = logger;
        _controllers = Task.WhenAll(controllers(_stopping.Token));
    }

    /// <summary>The API server (kubeconfig, base address, credentials).</summary>
    public LocalApiServer ApiServer { get; }

    /// <summary>In-process access to the cluster's objects.</summary>
    public IObjectStore Store => ApiServer.Store;

    /// <summary>The kubeconfig file that points kubectl or the operator at this cluster.</summary>
    public string KubeconfigPath => ApiServer.KubeconfigPath;

    /// <summary>Starts the API server and, unless disabled, the workload controllers.</summary>
    public static async Task<LocalClusterHost> StartAsync(LocalClusterOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<LocalClusterHost>();
        var images = options.LocalImages ?? DefaultImages(logger);
        var podLogs = new PodLogs();
        var podExec = new Kubelet.Exec.PodExec();
        var serverOptions = (options.ApiServer ?? new LocalApiServerOptions { DataDirectory = options.DataDirectory }) with
        {
            DataDirectory = options.DataDirectory,
            PodLogs = podLogs,
            PodExec = podExec,
        };
        var server = await LocalApiServer.StartAsync(serverOptions, loggerFactory, cancellationToken);
        if (!options.RunWorkloads)
        {
            return new LocalClusterHost(server, null, null, _ => [], logger);
        }

        var context = new WorkloadContext(server.Store, options.DataDirectory, options.Time, loggerFactory);
        // Pods reach the API server where kubectl does: all local pods share the host's network, and the serving
        // certificate is valid for that address.
        var access = server.CaCertificatePem is null ? null
            : new ApiServerAccess(server.BaseAddress.Host, server.BaseAddress.Port, server.ServiceAccountTokens);
        var kubelet = new Kubelet.Kubelet(context, options.Kubelet, images, podLogs, podExec, access);
        var serviceAccounts = new NamespaceObjectController(context, NamespaceDefaults.DefaultServiceAccount);
        // Without HTTPS there is no CA to publish (and no service account tokens to mount).
        var rootCa = new NamespaceObjectController(context, NamespaceDefaults.RootCaConfigMap(server.CaCertificatePem ?? ""));
        var serviceProxy = new ServiceProxy(context, options.Kubelet);
        var statefulSets = new StatefulSetController(context);
        var deployments = new DeploymentController(context);
        var replicaSets = new ReplicaSetController(context);
        var garbageCollector = new GarbageCollector(context);
        var provisioner = new VolumeProvisioner(context);
        var disruption = new Disruption.DisruptionController(context);
        return new LocalClusterHost(server, kubelet, serviceProxy, stopping =>
        [
            Guard("StatefulSet controller", logger, statefulSets.RunAsync, stopping),
            Guard("Deployment controller", logger, deployments.RunAsync, stopping),
            Guard("ReplicaSet controller", logger, replicaSets.RunAsync, stopping),
            Guard("garbage collector", logger, garbageCollector.RunAsync, stopping),
            Guard("volume provisioner", logger, provisioner.RunAsync, stopping),
            Guard("disruption controller", logger, disruption.RunAsync, stopping),
            Guard("kubelet", logger, kubelet.RunAsync, stopping),
            Guard("service proxy", logger, serviceProxy.RunAsync, stopping),
            Guard("service account controller", logger, serviceAccounts.RunAsync, stopping),
            .. server.CaCertificatePem is null ? [] : new[] { Guard("root CA publisher", logger, rootCa.RunAsync, stopping) },
        ], logger);
    }

    /// <summary>Stops the controllers, every pod process (SIGTERM, then SIGKILL) and the API server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _controllers;
        if (_serviceProxy is not null)
        {
            await _serviceProxy.DisposeAsync();
        }

        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync();
        }

        await ApiServer.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>The bundled images found next to this program or in the repository's build output.</summary>
    private static Dictionary<string, LocalImage> DefaultImages(ILogger logger)
    {
        var images = new Dictionary<string, LocalImage>(StringComparer.Ordinal);
        foreach (var (repository, image, project) in new[]
        {
            (LocalImage.CounterAppRepository, LocalImage.FindCounterApp(), "src/CounterApp"),
            (LocalImage.OperatorRepository, LocalImage.FindOperator(), "src/Operator"),
        })
        {
            if (image is null)
            {
                LogImageNotFound(logger, repository, project);
            }
            else
            {
                images[repository] = image;
            }
        }

        return images;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The program of image {Image} was not found; its pods will stay Pending. Build {Project} or pass LocalImages.")]
    private static partial void LogImageNotFound(ILogger logger, string image, string project);

    /// <summary>A controller that fails is logged and restarted, as a crashed controller-manager would be.</summary>
    private static Task Guard(string name, ILogger logger, Func<CancellationToken, Task> run, CancellationToken stopping) => Task.Run(async () =>
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await run(stopping);
                if (!stopping.IsCancellationRequested)
                {
                    logger.LogError("The {Controller} returned while the cluster runs; restarting it", name);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The {Controller} stopped unexpectedly; restarting it", name);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }, CancellationToken.None);   // the loop watches the token itself, so that it can tell stopping from failing
}
