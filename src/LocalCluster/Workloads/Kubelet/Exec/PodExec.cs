using System.Collections.Concurrent;
using VisitCounter.LocalCluster.ApiServer.Http;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet.Exec;

/// <summary>
/// Serves <c>kubectl exec</c> for the containers the kubelet stand-in runs: the command starts as the container
/// did (<see cref="ContainerLaunch.StartInfo"/>): in its sandbox, with its mounts, environment, working directory
/// and user; on a pseudo-terminal when kubectl asks for one.
/// </summary>
public sealed class PodExec : IPodExec
{
    private readonly ConcurrentDictionary<string, PodWorker> _pods = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IExecSession?> StartAsync(PodExecRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_pods.TryGetValue(ObjectMeta.Key(request.Namespace, request.Pod), out var worker)
            || worker.Containers.FirstOrDefault(c => c.Name == request.Container)?.RunningLaunch is not { } launch)
        {
            return Task.FromResult<IExecSession?>(null);
        }

        IExecSession session = request.Tty
            ? TerminalExecSession.Start(launch, request.Command)
            : PipeExecSession.Start(launch, request.Command, request.Stdin);
        return Task.FromResult<IExecSession?>(session);
    }

    internal void Register(PodWorker worker) => _pods[worker.Key] = worker;

    internal void Unregister(PodWorker worker) => _pods.TryRemove(new KeyValuePair<string, PodWorker>(worker.Key, worker));
}
