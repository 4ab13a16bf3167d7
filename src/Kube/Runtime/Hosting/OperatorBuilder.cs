using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>The <see cref="IOperatorBuilder"/> returned by <c>AddKubernetesOperator</c>.</summary>
internal sealed class OperatorBuilder(IServiceCollection services) : IOperatorBuilder
{
    public IServiceCollection Services { get; } = services;

    public IOperatorBuilder AddController<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TController, TEntity>(Action<ControllerBuilder<TEntity>>? configure = null)
        where TController : class, IEntityController<TEntity>
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Services.TryAddScoped<TController>();
        Services.AddEntityCache<TEntity>();
        var builder = new ControllerBuilder<TEntity>(Services);
        configure?.Invoke(builder);
        Services.AddSingleton<ControllerRegistration>(new ControllerRegistration<TController, TEntity>(builder));
        return this;
    }

    public IOperatorBuilder AddInformer<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        Services.AddEntityCache<TEntity>();
        return this;
    }
}
