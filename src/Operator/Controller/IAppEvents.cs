using VisitCounter.Crds.V1Alpha1;

namespace VisitCounter.Operator.Controller;

/// <summary>Records Kubernetes Events on a VisitCounterApp, shown by <c>kubectl describe vca</c>.</summary>
public interface IAppEvents
{
    /// <summary>Records a Normal event.</summary>
    Task NormalAsync(VisitCounterApp app, string reason, string message, CancellationToken cancellationToken);

    /// <summary>Records a Warning event.</summary>
    Task WarningAsync(VisitCounterApp app, string reason, string message, CancellationToken cancellationToken);
}
