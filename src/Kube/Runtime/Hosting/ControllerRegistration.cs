using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Metrics;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>A controller declared with <c>AddController</c>, built when the operator starts.</summary>
internal abstract class ControllerRegistration
{
    public abstract IManagedController Create(IServiceProvider services);
}

/// <summary>Builds the runtime <see cref="Controller{TEntity}"/> for <typeparamref name="TController"/>.</summary>
internal sealed class ControllerRegistration<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TController, TEntity>(ControllerBuilder<TEntity> builder)
    : ControllerRegistration
    where TController : class, IEntityController<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    public override IManagedController Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<ManagerOptions>();
        var informers = services.GetRequiredService<InformerFactory>();
        var name = builder.Name ?? EntityMetadata.For<TEntity>().Kind.ToLowerInvariant();
        var controller = new Controller<TEntity>(
            new ControllerOptions
            {
                Name = name,
                MaxConcurrentReconciles = builder.MaxConcurrentReconciles ?? options.MaxConcurrentReconciles,
                ResyncPeriod = options.ResyncPeriod,
            },
            informers.GetInformer<TEntity>(),
            services.GetRequiredService<IServiceScopeFactory>(),
            scope => scope.GetRequiredService<TController>(),
            services.GetRequiredService<RuntimeMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger($"VisitCounter.Kube.Runtime.Controller.{name}"),
            services.GetRequiredService<TimeProvider>());
        foreach (var attach in builder.Attachments)
        {
            attach(controller, informers);
        }

        return controller;
    }
}

/// <summary>An informer to create before start, so its first list counts towards readiness.</summary>
internal sealed class InformerRegistration(Action<InformerFactory> create)
{
    public void Create(InformerFactory informers) => create(informers);
}
