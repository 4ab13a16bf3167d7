using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>Adds controllers and caches to the operator (KubeOps' <c>IOperatorBuilder</c>).</summary>
public interface IOperatorBuilder
{
    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Registers <typeparamref name="TController"/> (scoped: a new instance per reconcile) for <typeparamref name="TEntity"/>;
    /// <paramref name="configure"/> declares owned kinds, e.g. <c>c =&gt; c.Owns&lt;V1StatefulSet&gt;().Owns&lt;V1Service&gt;()</c>.
    /// </summary>
    IOperatorBuilder AddController<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TController, TEntity>(Action<ControllerBuilder<TEntity>>? configure = null)
        where TController : class, IEntityController<TEntity>
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Caches <typeparamref name="TEntity"/> (list+watch) without a controller, e.g. pods a controller reads through
    /// <c>IEntityCache&lt;V1Pod&gt;</c>; readiness waits for its first list.
    /// </summary>
    IOperatorBuilder AddInformer<TEntity>()
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;
}
