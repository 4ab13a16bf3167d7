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

    /// <summary>How long an exec waits for a container that is being restarted right now.</summary>
    private static readonly TimeSpan RestartWait = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<IExecSession?> StartAsync(PodExecRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The API server saw the container running; the runner may be between two runs of it (a liveness
        // restart), which is over in moments: wait for it rather than fail the exec.
        var deadline = DateTime.UtcNow + RestartWait;
        ContainerLaunch? launch;
        while ((launch = RunningLaunch(request)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        if (launch is null)
        {
            return null;
        }

        return request.Tty
            ? TerminalExecSession.Start(launch, request.Command)
            : PipeExecSession.Start(launch, request.Command, request.Stdin);
    }

    private ContainerLaunch? RunningLaunch(PodExecRequest request) =>
        _pods.TryGetValue(ObjectMeta.Key(request.Namespace, request.Pod), out var worker)
            ? worker.Containers.FirstOrDefault(c => c.Name == request.Container)?.RunningLaunch
            : null;

    internal void Register(PodWorker worker) => _pods[worker.Key] = worker;

    internal void Unregister(PodWorker worker) => _pods.TryRemove(new KeyValuePair<string, PodWorker>(worker.Key, worker));
}
