using System.Collections.Concurrent;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Informers;

namespace VisitCounter.Kube.Tests.Runtime.Support;

/// <summary>Records informer notifications as readable strings, e.g. "add ns/a@10", "update ns/a@10->12", "delete ns/b@13".</summary>
public sealed class RecordingHandler<T> : IInformerEventHandler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public ConcurrentQueue<string> Events { get; } = new();

    public void OnAdd(T entity) => Events.Enqueue($"add {Describe(entity)}");

    public void OnUpdate(T oldEntity, T newEntity) =>
        Events.Enqueue($"update {Describe(newEntity)[..Describe(newEntity).IndexOf('@', StringComparison.Ordinal)]}@{oldEntity.Metadata.ResourceVersion}->{newEntity.Metadata.ResourceVersion}");

    public void OnDelete(T entity) => Events.Enqueue($"delete {Describe(entity)}");

    private static string Describe(T entity) => $"{entity.Metadata.Namespace}/{entity.Metadata.Name}@{entity.Metadata.ResourceVersion}";
}
