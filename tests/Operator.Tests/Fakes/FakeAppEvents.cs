using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Operator.Controller;

namespace VisitCounter.Operator.Tests.Fakes;

/// <summary>One recorded event.</summary>
public sealed record RecordedEvent(string Type, string Reason, string Message);

/// <summary>Collects the events the controller records.</summary>
public sealed class FakeAppEvents : IAppEvents
{
    public List<RecordedEvent> Events { get; } = [];

    public Task NormalAsync(VisitCounterApp app, string reason, string message, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            Events.Add(new RecordedEvent("Normal", reason, message));
        }

        return Task.CompletedTask;
    }

    public Task WarningAsync(VisitCounterApp app, string reason, string message, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            Events.Add(new RecordedEvent("Warning", reason, message));
        }

        return Task.CompletedTask;
    }
}
