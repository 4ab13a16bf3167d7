using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.Informers;

/// <summary>
/// One informer per kind, shared by every controller and cache reader (client-go's SharedInformerFactory), so a kind
/// is listed and watched once however many controllers use it. Informers requested after <see cref="Start"/> start at once.
/// </summary>
public sealed class InformerFactory : IAsyncDisposable
{
    private readonly IKubernetesClient client;
    private readonly ILoggerFactory loggerFactory;
    private readonly RuntimeMetrics metrics;
    private readonly TimeProvider time;
    private readonly string? watchNamespace;
    private readonly CacheOptions cache;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<Type, RunningInformer> informers = new();
    private CancellationTokenSource? running;

    /// <summary>
    /// Creates a factory; <paramref name="watchNamespace"/> scopes namespaced kinds (null: all namespaces) and
    /// <paramref name="cache"/> selects and trims what each informer holds (default: everything, managedFields stripped).
    /// </summary>
    public InformerFactory(IKubernetesClient client, string? watchNamespace, ILoggerFactory loggerFactory, RuntimeMetrics metrics, TimeProvider? time = null, CacheOptions? cache = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(metrics);
        this.client = client;
        this.loggerFactory = loggerFactory;
        this.metrics = metrics;
        this.time = time ?? TimeProvider.System;
        this.watchNamespace = string.IsNullOrEmpty(watchNamespace) ? null : watchNamespace;
        this.cache = cache ?? new CacheOptions();
    }

    /// <summary>True when every informer created so far has completed its first list.</summary>
    public bool HasSynced => informers.Values.All(i => i.Cache.HasSynced);

    /// <summary>The kinds whose first list has not completed yet (for readiness messages).</summary>
    public IReadOnlyList<string> UnsyncedKinds => [.. informers.Where(i => !i.Value.Cache.HasSynced).Select(i => i.Key.Name).Order(StringComparer.Ordinal)];

    /// <summary>The shared informer of <typeparamref name="TEntity"/>, created on first request.</summary>
    public IInformer<TEntity> GetInformer<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var entry = informers.GetOrAdd(typeof(TEntity), _ =>
        {
            var scope = EntityMetadata.For<TEntity>().Namespaced ? watchNamespace : null;
            var informer = new Informer<TEntity>(client, new InformerOptions { Namespace = scope, LabelSelector = cache.LabelSelectorFor(typeof(TEntity)), StripManagedFields = cache.StripManagedFields }, loggerFactory.CreateLogger<Informer<TEntity>>(), metrics, time);
            return new RunningInformer(informer);
        });
        lock (gate)
        {
            if (running is not null)
            {
                entry.StartOnce(running.Token);
            }
        }

        return (IInformer<TEntity>)entry.Cache;
    }

    /// <summary>Starts every informer (and any created later) in the background until <see cref="StopAsync"/>.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (running is not null)
            {
                return;
            }

            running = new CancellationTokenSource();
            foreach (var entry in informers.Values)
            {
                entry.StartOnce(running.Token);
            }
        }
    }

    /// <summary>Completes when every informer created so far has synced.</summary>
    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(informers.Values.Select(i => i.Cache.WaitForCacheSyncAsync(cancellationToken)));

    /// <summary>Stops the informers and waits for their loops to end.</summary>
    public async Task StopAsync()
    {
        CancellationTokenSource? toCancel;
        lock (gate)
        {
            toCancel = running;
        }

        if (toCancel is null)
        {
            return;
        }

        await toCancel.CancelAsync();
        await Task.WhenAll(informers.Values.Select(i => i.Completion));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        running?.Dispose();
    }

    /// <summary>An informer with its run loop, started at most once.</summary>
    private sealed class RunningInformer(IRunnableInformer informer)
    {
        private readonly Lock gate = new();
        private Task? loop;

        public IRunnableInformer Cache { get; } = informer;

        public Task Completion
        {
            get
            {
                lock (gate)
                {
                    return loop ?? Task.CompletedTask;
                }
            }
        }

        public void StartOnce(CancellationToken cancellationToken)
        {
            lock (gate)
            {
                loop ??= Task.Run(() => Cache.RunAsync(cancellationToken), CancellationToken.None);
            }
        }
    }
}
