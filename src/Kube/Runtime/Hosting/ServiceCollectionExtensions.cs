using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Events;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>Registers the controller runtime in a generic host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime: shared informers, event recorder, metrics, health checks and the hosted service that runs the
    /// controllers (after cache sync, and only while leader when leader election is enabled). An <see cref="IKubernetesClient"/>
    /// must be registered by the caller; a second one keyed <see cref="EventRecorder.ClientServiceKey"/>, if registered,
    /// writes the events with its own rate limit.
    /// </summary>
    public static IOperatorBuilder AddKubernetesOperator(this IServiceCollection services, Action<ManagerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ManagerOptions();
        configure?.Invoke(options);
        options.Validate();

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetricsRegistry>();
        services.TryAddSingleton<RuntimeMetrics>();

        // The caller's IKubernetesClient factory passes this to the client (KubernetesClient's observer argument).
        services.TryAddSingleton<RestClientMetrics>();
        services.TryAddSingleton<IRestClientObserver>(sp => sp.GetRequiredService<RestClientMetrics>());
        services.TryAddSingleton(sp => new InformerFactory(
            sp.GetRequiredService<IKubernetesClient>(),
            options.Namespace,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<RuntimeMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            options.Cache));
        services.TryAddSingleton<IEventRecorder>(sp => new EventRecorder(
            sp.GetKeyedService<IKubernetesClient>(EventRecorder.ClientServiceKey) ?? sp.GetRequiredService<IKubernetesClient>(),
            options.Events,
            sp.GetRequiredService<ILogger<EventRecorder>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<MetricsRegistry>()));
        services.TryAddSingleton<OperatorHealth>();

        // Hosted services stop in reverse order: registered first, the event flush runs after the controllers stopped.
        services.AddHostedService(sp => new EventRecorderShutdown(sp.GetRequiredService<IEventRecorder>(), options.Events));
        services.AddHostedService<OperatorHostedService>();
        services.AddHealthChecks()
            .AddCheck<CachesSyncedHealthCheck>("informers-synced", tags: [OperatorHealth.ReadyTag])
            .AddCheck<OperatorRunningHealthCheck>("operator-running", tags: [OperatorHealth.LiveTag]);
        return new OperatorBuilder(services);
    }

    /// <summary>Makes <c>IInformer&lt;T&gt;</c> and <c>IEntityCache&lt;T&gt;</c> injectable and creates the informer at start.</summary>
    internal static void AddEntityCache<TEntity>(this IServiceCollection services)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (services.Any(d => d.ServiceType == typeof(IInformer<TEntity>)))
        {
            return;
        }

        services.AddSingleton(sp => sp.GetRequiredService<InformerFactory>().GetInformer<TEntity>());
        services.AddSingleton<IEntityCache<TEntity>>(sp => sp.GetRequiredService<IInformer<TEntity>>());
        services.AddSingleton(new InformerRegistration(informers => informers.GetInformer<TEntity>()));
    }
}
