using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Runtime.Events;

namespace VisitCounter.Operator.Controller;

/// <summary>Sends the controller's events through the runtime's <see cref="IEventRecorder"/>, which aggregates repeats.</summary>
public sealed class RecorderAppEvents(IEventRecorder recorder) : IAppEvents
{
    /// <inheritdoc />
    public Task NormalAsync(VisitCounterApp app, string reason, string message, CancellationToken cancellationToken) =>
        recorder.RecordAsync(app, EventType.Normal, reason, message, cancellationToken);

    /// <inheritdoc />
    public Task WarningAsync(VisitCounterApp app, string reason, string message, CancellationToken cancellationToken) =>
        recorder.RecordAsync(app, EventType.Warning, reason, message, cancellationToken);
}
