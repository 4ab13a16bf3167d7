using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Metrics;
using VisitCounter.Kube.Runtime.Predicates;
using VisitCounter.Kube.Runtime.Queue;

namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>
/// The reconcile loop of one kind (controller-runtime's <c>Controller</c>): informer events become keys in a work queue,
/// a bounded number of workers take keys, read the object from the cache and call the user's
/// <see cref="IEntityController{TEntity}"/> in a fresh DI scope, then requeue according to the result.
/// A key is never reconciled by two workers at once (the queue guarantees it).
/// </summary>
/// <typeparam name="TEntity">The reconciled kind.</typeparam>
public sealed class Controller<TEntity> : IManagedController
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ControllerOptions options;
    private readonly IInformer<TEntity> informer;
    private readonly IServiceScopeFactory scopes;
    private readonly Func<IServiceProvider, IEntityController<TEntity>> resolve;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly WorkQueue queue;
    private readonly Tombstones<TEntity> tombstones = new();
    private readonly EntityMetadata metadata = EntityMetadata.For<TEntity>();
    private readonly ControllerMetrics metrics;
    private volatile EventPredicate<TEntity> eventFilter = EventPredicate<TEntity>.All;

    /// <summary>Creates the controller and subscribes it to <paramref name="informer"/>.</summary>
    /// <param name="options">Name, parallelism and resync.</param>
    /// <param name="informer">The primary kind's shared informer; reconciles read from it.</param>
    /// <param name="scopes">A DI scope is created per reconcile, as KubeOps does.</param>
    /// <param name="resolve">Resolves the user's controller inside that scope.</param>
    /// <param name="metrics">Where controller and workqueue metrics go.</param>
    /// <param name="logger">The controller's logger.</param>
    /// <param name="time">The clock (delays, durations).</param>
    public Controller(
        ControllerOptions options,
        IInformer<TEntity> informer,
        IServiceScopeFactory scopes,
        Func<IServiceProvider, IEntityController<TEntity>> resolve,
        RuntimeMetrics metrics,
        ILogger logger,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(informer);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        this.options = options;
        this.informer = informer;
        this.scopes = scopes;
        this.resolve = resolve;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        queue = new WorkQueue(options.Name, time: this.time, metrics: metrics);
        this.metrics = new ControllerMetrics(metrics, options.Name);
        this.metrics.MaxConcurrentReconciles.Set(options.MaxConcurrentReconciles);
        informer.AddEventHandler(new PrimaryEnqueueHandler<TEntity>(queue, tombstones, () => eventFilter));
    }

    /// <inheritdoc />
    public string Name => options.Name;

    /// <summary>The work queue (exposed for diagnostics and tests).</summary>
    public WorkQueue Queue => queue;

    /// <summary>
    /// Enqueues the controlling owner (of this controller's kind) whenever a <typeparamref name="TChild"/> from
    /// <paramref name="childInformer"/> is added, changed or deleted.
    /// </summary>
    public void Owns<TChild>(IInformer<TChild> childInformer)
        where TChild : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(childInformer);
        childInformer.AddEventHandler(new OwnerEnqueueHandler<TChild>(metadata, queue));
    }

    /// <summary>
    /// Enqueues the keys <paramref name="map"/> derives from a <typeparamref name="TOther"/> whenever one is added, changed
    /// or deleted: for objects that are not owned through an ownerReference, such as pods found by label.
    /// </summary>
    public void Watches<TOther>(IInformer<TOther> otherInformer, Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(otherInformer);
        ArgumentNullException.ThrowIfNull(map);
        otherInformer.AddEventHandler(new MapEnqueueHandler<TOther>(map, queue));
    }

    /// <summary>
    /// Filters the events of the primary kind (controller-runtime's <c>WithEventFilter</c>); call before the informer
    /// starts. Several calls combine with AND. Resync and requeues are not filtered.
    /// </summary>
    public void AddEventFilter(EventPredicate<TEntity> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        eventFilter = ReferenceEquals(eventFilter, EventPredicate<TEntity>.All) ? filter : Predicates.Predicates.And(eventFilter, filter);
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        ControllerLog.Starting(logger, options.MaxConcurrentReconciles, options.Name);
        var workers = Enumerable.Range(0, options.MaxConcurrentReconciles)
            .Select(_ => Task.Run(() => WorkerAsync(stopping, abort), CancellationToken.None))
            .Append(ResyncLoopAsync(stopping))
            .ToArray();
        await Task.WhenAll(workers);
        ControllerLog.Stopped(logger, options.Name);
    }

    /// <summary>Processes one key: the single place that decides between reconcile, deleted and nothing.</summary>
    internal async Task ProcessAsync(ObjectKey key, CancellationToken abort)
    {
        var started = time.GetTimestamp();
        metrics.ActiveWorkers.Inc();
        try
        {
            var current = informer.Get(key.Name, key.Namespace);
            var deleted = tombstones.Find(key);
            if (deleted is not null && (current is null || current.Metadata.Uid != deleted.Metadata.Uid))
            {
                var deletion = await CallAsync(controller => controller.DeletedAsync(deleted, abort));
                if (!Handle(key, deletion, started))
                {
                    return;
                }

                tombstones.Remove(key, deleted);
            }
            else if (deleted is not null)
            {
                // The same object is back in the cache (a relist found it still exists): the deletion was not final.
                tombstones.Remove(key, deleted);
            }

            if (current is null)
            {
                // Gone and (if it was ever seen) already handled by DeletedAsync: nothing else to do.
                queue.Forget(key);
                return;
            }

            var result = await CallAsync(controller => controller.ReconcileAsync(current, abort));
            Handle(key, result, started);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Not a failure: leadership was lost or shutdown's grace ran out. Run it again when we reconcile next.
            queue.Add(key);
            ControllerLog.Cancelled(logger, options.Name, key.Namespace, key.Name);
        }
        catch (Exception error)
        {
            var duration = time.GetElapsedTime(started);
            metrics.Observe(RuntimeMetrics.ResultError, duration);
            metrics.Errors.Inc();
            var delay = queue.AddRateLimited(key);
            ControllerLog.Threw(logger, error, options.Name, key.Namespace, key.Name, (long)duration.TotalMilliseconds, queue.NumRequeues(key), (long)delay.TotalMilliseconds);
        }
        finally
        {
            metrics.ActiveWorkers.Dec();
        }
    }

    private async Task WorkerAsync(CancellationToken stopping, CancellationToken abort)
    {
        while (!stopping.IsCancellationRequested)
        {
            ObjectKey? key;
            try
            {
                key = await queue.GetAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            if (key is not { } next)
            {
                return;
            }

            try
            {
                await ProcessAsync(next, abort);
            }
            finally
            {
                queue.Done(next);
            }
        }
    }

    private async Task ResyncLoopAsync(CancellationToken stopping)
    {
        if (options.ResyncPeriod is not { } period || period <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(period, time, stopping);
                var cached = informer.List();
                foreach (var entity in cached)
                {
                    queue.Add(new ObjectKey(entity.Metadata.Namespace, entity.Metadata.Name!));
                }

                ControllerLog.Resynced(logger, options.Name, cached.Count);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task<ReconciliationResult<TEntity>> CallAsync(Func<IEntityController<TEntity>, Task<ReconciliationResult<TEntity>>> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await call(resolve(scope.ServiceProvider));
    }

    /// <summary>Requeues according to <paramref name="result"/>; returns true on success.</summary>
    private bool Handle(ObjectKey key, ReconciliationResult<TEntity> result, long started)
    {
        var duration = time.GetElapsedTime(started);
        if (result.IsSuccess)
        {
            queue.Forget(key);
            var label = RuntimeMetrics.ResultSuccess;
            if (result.RequeueAfter is { } after && after > TimeSpan.Zero)
            {
                queue.AddAfter(key, after);
                label = RuntimeMetrics.ResultRequeueAfter;
            }

            metrics.Observe(label, duration);
            ControllerLog.Reconciled(logger, options.Name, key.Namespace, key.Name, (long)duration.TotalMilliseconds, label);
            return true;
        }

        if (!result.IsTransient)
        {
            metrics.Errors.Inc();
        }

        metrics.Observe(result.IsTransient ? RuntimeMetrics.ResultRequeue : RuntimeMetrics.ResultError, duration);
        TimeSpan delay;
        if (result.RequeueAfter is { } requested && requested > TimeSpan.Zero)
        {
            delay = requested;
            queue.AddAfter(key, delay);
        }
        else
        {
            delay = queue.AddRateLimited(key);
        }

        var retry = queue.NumRequeues(key);
        var durationMs = (long)duration.TotalMilliseconds;
        var delayMs = (long)delay.TotalMilliseconds;
        if (result.IsTransient)
        {
            ControllerLog.Retrying(logger, options.Name, key.Namespace, key.Name, durationMs, retry, delayMs, result.ErrorMessage);
        }
        else
        {
            ControllerLog.Failed(logger, result.Error, options.Name, key.Namespace, key.Name, durationMs, retry, delayMs, result.ErrorMessage);
        }

        return false;
    }

    /// <summary>This controller's series, resolved once.</summary>
    private sealed class ControllerMetrics(RuntimeMetrics metrics, string name)
    {
        private readonly Histogram reconcileTime = metrics.ReconcileTime.WithLabels(name);

        public Gauge ActiveWorkers { get; } = metrics.ActiveWorkers.WithLabels(name);

        public Gauge MaxConcurrentReconciles { get; } = metrics.MaxConcurrentReconciles.WithLabels(name);

        public Counter Errors { get; } = metrics.ReconcileErrors.WithLabels(name);

        public void Observe(string result, TimeSpan duration)
        {
            metrics.ReconcileTotal.WithLabels(name, result).Inc();
            reconcileTime.Observe(duration.TotalSeconds);
        }
    }
}
