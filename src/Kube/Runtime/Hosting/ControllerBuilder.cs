using Microsoft.Extensions.DependencyInjection;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Kube.Runtime.Informers;
using VisitCounter.Kube.Runtime.Predicates;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>Declares what one controller watches besides its own kind, and how it runs.</summary>
/// <typeparam name="TEntity">The controller's kind.</typeparam>
public sealed class ControllerBuilder<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly List<Action<Controller<TEntity>, InformerFactory>> attachments = [];
    private readonly IServiceCollection services;

    internal ControllerBuilder(IServiceCollection services) => this.services = services;

    internal string? Name { get; private set; }

    internal int? MaxConcurrentReconciles { get; private set; }

    internal IReadOnlyList<Action<Controller<TEntity>, InformerFactory>> Attachments => attachments;

    /// <summary>
    /// Reconcile the owner whenever a <typeparamref name="TChild"/> it controls (ownerReference with <c>controller: true</c>)
    /// is added, changed or deleted; also makes <c>IEntityCache&lt;TChild&gt;</c> injectable.
    /// </summary>
    public ControllerBuilder<TEntity> Owns<TChild>()
        where TChild : class, IKubernetesObject<V1ObjectMeta>
    {
        services.AddEntityCache<TChild>();
        attachments.Add((controller, informers) => controller.Owns(informers.GetInformer<TChild>()));
        return this;
    }

    /// <summary>
    /// Reconcile the keys <paramref name="map"/> returns whenever a <typeparamref name="TOther"/> is added, changed or
    /// deleted (controller-runtime's <c>Watches</c> with <c>EnqueueRequestsFromMapFunc</c>), e.g. the app a pod belongs
    /// to by label; also makes <c>IEntityCache&lt;TOther&gt;</c> injectable.
    /// </summary>
    public ControllerBuilder<TEntity> Watches<TOther>(Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        services.AddEntityCache<TOther>();
        attachments.Add((controller, informers) => controller.Watches(informers.GetInformer<TOther>(), map));
        return this;
    }

    /// <summary>
    /// Filters the events of <typeparamref name="TEntity"/> itself (controller-runtime's <c>WithEventFilter</c>),
    /// e.g. <c>Predicates.Or(GenerationChanged, LabelsChanged, AnnotationsChanged, DeletionRequested)</c> so that status
    /// writes start no reconcile. Events of owned and watched kinds are not filtered.
    /// </summary>
    public ControllerBuilder<TEntity> WithEventFilter(EventPredicate<TEntity> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        attachments.Add((controller, _) => controller.AddEventFilter(filter));
        return this;
    }

    /// <summary>Names the controller in logs and metrics (default: the lower-case kind).</summary>
    public ControllerBuilder<TEntity> WithName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        return this;
    }

    /// <summary>Overrides <see cref="ManagerOptions.MaxConcurrentReconciles"/> for this controller.</summary>
    public ControllerBuilder<TEntity> WithMaxConcurrentReconciles(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        MaxConcurrentReconciles = workers;
        return this;
    }
}
