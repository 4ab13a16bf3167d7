using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Client;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Controller;

/// <summary>
/// Writes core/v1 Events through the API. An event is best effort: a failure is logged and never fails the
/// reconcile, because the state it describes is already in the status.
/// </summary>
public sealed class KubernetesAppEvents(IKubernetesClient client, TimeProvider clock, ILogger<KubernetesAppEvents> logger) : IAppEvents
{
    /// <inheritdoc />
    public Task NormalAsync(VisitCounterApp app, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(app, "Normal", reason, message, cancellationToken);

    /// <inheritdoc />
    public Task WarningAsync(VisitCounterApp app, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(app, "Warning", reason, message, cancellationToken);

    private async Task RecordAsync(VisitCounterApp app, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = clock.GetUtcNow();
        var item = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                // Unique like client-go's "<name>.<hex>" names, so two events in one second never collide.
                Name = $"{app.Metadata.Name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}",
                Namespace = app.Metadata.Namespace,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = VisitCounterApp.KubeGroupVersion,
                Kind = VisitCounterApp.KubeKind,
                Name = app.Metadata.Name,
                Namespace = app.Metadata.Namespace,
                Uid = app.Metadata.Uid,
                ResourceVersion = app.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = OperatorDefaults.ComponentName },
            ReportingComponent = OperatorDefaults.ComponentName,
            ReportingInstance = Environment.MachineName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };

        try
        {
            await client.CreateAsync(item, cancellationToken);
        }
        catch (KubernetesApiException e)
        {
            logger.LogWarning("Could not record event {Reason} on {Namespace}/{Name}: {Error}", reason, app.Metadata.Namespace, app.Metadata.Name, e.Message);
        }
    }
}
