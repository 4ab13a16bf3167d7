using Microsoft.Extensions.Hosting;

namespace VisitCounter.Kube.Runtime.Events;

/// <summary>
/// Writes the events still queued when the host stops, for at most <see cref="EventRecorderOptions.FlushTimeout"/>.
/// Registered before the controllers' hosted service, so it stops after them and their last events are included.
/// </summary>
internal sealed class EventRecorderShutdown(IEventRecorder recorder, EventRecorderOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (recorder is not EventRecorder ours)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FlushTimeout);
        await ours.StopAsync(timeout.Token);
    }
}
