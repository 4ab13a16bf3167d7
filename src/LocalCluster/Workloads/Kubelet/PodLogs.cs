using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using VisitCounter.LocalCluster.ApiServer.Http;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// Serves <c>kubectl logs</c> from the containers the kubelet stand-in runs: the API server asks it for a pod's
/// container log and gets the process output (the current run, or the previous one for <c>--previous</c>),
/// optionally tailed, timestamped and followed.
/// </summary>
public sealed class PodLogs : IPodLogSource
{
    private readonly ConcurrentDictionary<string, PodWorker> _pods = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<Stream?> OpenAsync(PodLogRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_pods.TryGetValue(ObjectMeta.Key(request.Namespace, request.Pod), out var worker))
        {
            return Task.FromResult<Stream?>(null);
        }

        var log = worker.Containers.FirstOrDefault(c => c.Name == request.Container)?.Log(request.Previous);
        if (log is null)
        {
            return Task.FromResult<Stream?>(null);
        }

        var pipe = new Pipe();
        _ = PumpAsync(log, request, pipe.Writer, cancellationToken);
        return Task.FromResult<Stream?>(pipe.Reader.AsStream());
    }

    internal void Register(PodWorker worker) => _pods[worker.Key] = worker;

    internal void Unregister(PodWorker worker) => _pods.TryRemove(new KeyValuePair<string, PodWorker>(worker.Key, worker));

    private static async Task PumpAsync(ContainerLog log, PodLogRequest request, PipeWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            var skip = request.TailLines is { } tail ? Math.Max(0, log.Snapshot().Count - (int)Math.Min(tail, int.MaxValue)) : 0;
            await foreach (var line in log.ReadAsync(request.Follow, cancellationToken))
            {
                if (skip > 0)
                {
                    skip--;
                    continue;
                }

                var text = request.Timestamps
                    ? line.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + " " + line.Text + "\n"
                    : line.Text + "\n";
                await writer.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            }

            await writer.CompleteAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            await writer.CompleteAsync(e is OperationCanceledException ? null : e);
        }
    }
}
