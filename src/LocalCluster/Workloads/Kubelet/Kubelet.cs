using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Runtime;
using VisitCounter.LocalCluster.Workloads.Volumes;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// The kubelet stand-in of the local cluster's single node. It watches pods; binds each new one to the node;
/// runs its containers as local processes (<see cref="PodWorker"/>) on a loopback pod IP of its own; reports the
/// pod's status as the kubelet does; and, when a pod is deleted gracefully, stops its processes (SIGTERM, then
/// SIGKILL at the end of the grace period) and then finishes the deletion, as the kubelet does on a real node.
/// </summary>
internal sealed partial class Kubelet : IAsyncDisposable
{
    private readonly WorkloadContext _context;
    private readonly KubeletOptions _options;
    private readonly PodLogs _logs;
    private readonly Exec.PodExec _exec;
    private readonly LocalImageResolver _images;
    private readonly Prober _prober = new();
    private readonly ProcessRegistry _processes;
    private readonly LoopbackAddressPool _addresses = LoopbackAddressPool.ForPods();
    private readonly ConcurrentDictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unbindable = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string?> _hostEnvironment;
    private readonly WorkQueue _queue;
    private readonly ILogger _logger;
    private readonly PodHostsFiles _hosts;
    private readonly ApiServerAccess? _apiServer;
    private SandboxSupport? _sandbox;
    private int _leftoversKilled;

    public Kubelet(WorkloadContext context, KubeletOptions options, IReadOnlyDictionary<string, LocalImage> images, PodLogs logs, Exec.PodExec exec,
        ApiServerAccess? apiServer = null)
    {
        _apiServer = apiServer;
        _context = context;
        _exec = exec;
        _options = options;
        _logs = logs;
        _images = new LocalImageResolver(images);
        _logger = context.LoggerFactory.CreateLogger<Kubelet>();
        _processes = new ProcessRegistry(Path.Combine(context.DataDirectory, "kubelet", "processes"), _logger);
        _queue = new WorkQueue(context.Time);
        _hosts = new PodHostsFiles(context.Store, context.Time, _logger);
        _hostEnvironment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _leftoversKilled, 1) == 0)
        {
            // Only on the first start: later (after a restart of this loop) the registered processes are our own pods.
            _processes.KillLeftovers();
        }

        if (_sandbox is null)
        {
            _sandbox = await SandboxSupport.ProbeAsync(cancellationToken);
            if (_sandbox.Problem is { } problem)
            {
                LogNoSandbox(_logger, problem);
            }
        }

        var informer = new StoreInformer(
            _context.Store,
            ResourceRef.Pods,
            pods =>
            {
                foreach (var key in pods.Select(p => p.Key()).Concat(_workers.Keys))
                {
                    _queue.Add(key);
                }
            },
            (_, pod) => _queue.Add(pod.Key()),
            _logger,
            _context.Time);
        await Task.WhenAll(informer.RunAsync(cancellationToken), _queue.RunAsync(ReconcileAsync, 4, cancellationToken), _hosts.RunAsync(cancellationToken),
            RenewVolumesAsync(cancellationToken));
    }

    /// <summary>
    /// Rewrites the projected volumes of running pods now and then, as the kubelet renews a projected token well before
    /// it expires (the shortest lifetime a token may have is 10 minutes); ConfigMap and Secret changes reach pods too.
    /// </summary>
    private async Task RenewVolumesAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.VolumeRenewalInterval, _context.Time, cancellationToken);
                foreach (var worker in _workers.Values)
                {
                    if (worker.Volumes() is (null, { } problem))
                    {
                        LogVolumeRenewalFailed(_logger, worker.Key, problem.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The pods the kubelet runs, for <c>kubectl exec</c>.</summary>
    internal PodWorker? Worker(string ns, string name) => _workers.TryGetValue(ObjectMeta.Key(ns, name), out var worker) ? worker : null;

    /// <summary>Stops every container the kubelet runs; used when the local cluster shuts down.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Dispose();
        await Task.WhenAll(_workers.Values.Select(w => w.StopAsync(TimeSpan.FromSeconds(5))));
        foreach (var worker in _workers.Values)
        {
            _logs.Unregister(worker);
            _exec.Unregister(worker);
        }

        _workers.Clear();
        _prober.Dispose();
        _addresses.Dispose();
    }

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await SyncPodAsync(key, cancellationToken);
        }
        catch (ApiException e) when (e.Code is 409 or 404)
        {
            // Someone changed or removed the pod meanwhile: look again with the new state.
            _queue.AddAfter(key, TimeSpan.FromMilliseconds(100));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Syncing pod {Pod} failed; retrying", key);
            _queue.AddAfter(key, TimeSpan.FromSeconds(1));
        }
    }

    private async Task SyncPodAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = SplitKey(key);
        var pod = _context.Store.Get(ResourceRef.Pods, ns, name);
        _workers.TryGetValue(key, out var worker);

        if (worker is not null && (pod is null || worker.Uid != pod.Uid()))
        {
            // The pod is gone (or replaced by a new one of the same name): its processes and scratch space go too.
            await StopAsync(worker, pod is null ? TimeSpan.FromSeconds(2) : TimeSpan.Zero);
            RemoveDirectory(worker);
            worker = null;
        }

        if (pod is null)
        {
            return;
        }

        if (pod.IsTerminating())
        {
            await FinishDeletionAsync(key, pod, worker, cancellationToken);
            return;
        }

        if (string.IsNullOrEmpty(pod["spec"]?["nodeName"]?.GetValue<string>()) && !_unbindable.ContainsKey(pod.Uid())
            && await BindAsync(pod, cancellationToken))
        {
            // The binding's watch event brings the pod back with its node.
            return;
        }

        worker ??= StartWorker(key, pod);
        var status = PodStatusBuilder.Build(pod, worker.Snapshot(), _context.Time.GetUtcNow());
        if (!JsonNode.DeepEquals(pod["status"], status))
        {
            pod["status"] = status;
            await _context.Store.UpdateStatusAsync(ResourceRef.Pods, pod, new WriteOptions(FieldManager: "kubelet"), cancellationToken);
        }
    }

    private PodWorker StartWorker(string key, JsonObject pod)
    {
        var podIp = _addresses.Allocate(key, pod["status"]?["podIP"]?.GetValue<string>());
        var podDirectory = VolumePaths.PodDirectory(_context.DataDirectory, pod.Namespace(), pod.Name(), pod.Uid());
        var logger = _logger;
        PodSandbox? sandbox = null;
        if (_sandbox?.Available == true)
        {
            sandbox = new PodSandbox(Path.Combine(podDirectory, "etc", "hosts"), _sandbox.HostRoot);
            _hosts.Add(key, pod.Namespace(), pod["spec"]?["hostname"]?.GetValue<string>() ?? pod.Name(), podIp, sandbox.HostsFile);
        }

        var sources = _apiServer is null ? null : new VolumeSources(_context.Store, _apiServer.Issue, podIp, _options.HostIp);
        Func<(IReadOnlyDictionary<string, string>? Volumes, WaitingState? Waiting)> volumes =
            () => PodVolumes.Resolve(_context.Store, _context.DataDirectory, pod, podDirectory, sources);
        var context = new ContainerContext(
            _images, _prober, _processes, _options, podIp, podDirectory, volumes,
            _hostEnvironment, _context.Time, logger, sandbox, _apiServer?.Environment);
        var worker = new PodWorker(pod, container => new ContainerRunner(pod, container, context, () => _queue.Add(key)),
            podIp, _options.HostIp, podDirectory, _context.Time) { Volumes = volumes };
        _workers[key] = worker;
        _logs.Register(worker);
        _exec.Register(worker);
        worker.Start();
        return worker;
    }

    private async Task FinishDeletionAsync(string key, JsonObject pod, PodWorker? worker, CancellationToken cancellationToken)
    {
        if (worker is not null)
        {
            var stopping = worker.StopAsync(worker.RemainingGrace(pod));
            if (!stopping.IsCompleted)
            {
                // Do not hold a queue worker for the whole grace period; come back when the processes are gone.
                _ = stopping.ContinueWith(_ => _queue.Add(key), TaskScheduler.Default);
                return;
            }

            Forget(worker);
            RemoveDirectory(worker);
        }

        // The kubelet's last word: the containers are gone, so the API server may drop the pod now.
        if (_context.Store.Get(ResourceRef.Pods, pod.Namespace(), pod.Name()) is { } live && live.Uid() == pod.Uid())
        {
            await _context.Store.DeleteAsync(ResourceRef.Pods, pod.Namespace(), pod.Name(),
                new DeleteOptions(PreconditionUid: pod.Uid(), GracePeriodSeconds: 0), cancellationToken);
        }
    }

    private async Task StopAsync(PodWorker worker, TimeSpan grace)
    {
        await worker.StopAsync(grace);
        Forget(worker);
    }

    /// <summary>Removes a deleted pod's directory (its emptyDir volumes and logs), as the kubelet cleans up orphaned pod dirs.</summary>
    private void RemoveDirectory(PodWorker worker)
    {
        try
        {
            if (Directory.Exists(worker.Directory))
            {
                Directory.Delete(worker.Directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not remove the directory {Directory} of a deleted pod", worker.Directory);
        }
    }

    private void Forget(PodWorker worker)
    {
        _unbindable.TryRemove(worker.Uid, out _);
        if (_workers.TryRemove(new KeyValuePair<string, PodWorker>(worker.Key, worker)))
        {
            _hosts.Remove(worker.Key);
            _logs.Unregister(worker);
            _exec.Unregister(worker);
            _addresses.Release(worker.Key);
        }
    }

    /// <summary>
    /// What the scheduler's binding does on a one-node cluster: the pod is assigned to this node. Should the API
    /// server refuse the write (a pod spec is mostly immutable), the pod still runs, unbound: it then loses only the
    /// graceful deletion that the API server grants to pods on a node.
    /// </summary>
    private async Task<bool> BindAsync(JsonObject pod, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["spec"] = new JsonObject { ["nodeName"] = _options.NodeName } };
        try
        {
            await _context.Store.PatchAsync(ResourceRef.Pods, pod.Namespace(), pod.Name(), PatchType.Merge, patch,
                new WriteOptions(FieldManager: "local-scheduler"), cancellationToken: cancellationToken);
            return true;
        }
        catch (ApiException e) when (e.Code is 400 or 422)
        {
            _unbindable[pod.Uid()] = true;
            _logger.LogWarning(e, "Pod {Pod} cannot be bound to the node; running it unbound", pod.Key());
            return false;
        }
    }

    private static (string Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the volumes of pod {Pod}: {Problem}")]
    private static partial void LogVolumeRenewalFailed(ILogger logger, string pod, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pods run as plain processes without a sandbox (no /data mounts, no pod /etc/hosts; volume paths in env are rewritten): {Problem}")]
    private static partial void LogNoSandbox(ILogger logger, string problem);
}
