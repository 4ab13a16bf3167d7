using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// Records core/v1 Events about an object (client-go's <c>record.EventRecorder</c>). Recording is best effort and
/// never makes the caller wait for the API server: failures are logged, never thrown, so a reconcile neither fails nor
/// slows down because an event could not be written.
/// </summary>
public interface IEventRecorder
{
    /// <summary>Records that <paramref name="reason"/> happened to <paramref name="involvedObject"/>; repeats are counted on one Event.</summary>
    /// <param name="involvedObject">The object the event is about (it must have a name).</param>
    /// <param name="type">Normal or Warning.</param>
    /// <param name="reason">A short UpperCamelCase reason, e.g. <c>CreatedStatefulSet</c>.</param>
    /// <param name="message">A human-readable sentence.</param>
    /// <param name="cancellationToken">Cancels waiting for the recorder, if an implementation waits at all.</param>
    Task RecordAsync(IKubernetesObject<V1ObjectMeta> involvedObject, EventType type, string reason, string message, CancellationToken cancellationToken = default);
}
