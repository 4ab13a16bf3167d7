using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// The kubelet's work for one pod (one uid): a <see cref="ContainerRunner"/> per container, started together and
/// stopped together, and the pod-level facts (IP, start time) its status reports.
/// </summary>
internal sealed class PodWorker
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ContainerRunner> _containers = [];
    private readonly List<Task> _running = [];
    private readonly TimeProvider _time;
    private Task? _stopped;

    public PodWorker(JsonObject pod, Func<JsonObject, ContainerRunner> createRunner, string podIp, string hostIp, string directory, TimeProvider time)
    {
        _time = time;
        Directory = directory;
        Uid = pod.Uid();
        Key = pod.Key();
        PodIp = podIp;
        HostIp = hostIp;
        StartTime = ObjectMeta.Timestamp(pod["status"]?["startTime"]) ?? time.GetUtcNow();
        foreach (var container in (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            _containers.Add(createRunner(container));
        }
    }

    public string Uid { get; }

    public string Key { get; }

    public string PodIp { get; }

    /// <summary>The pod's private directory: emptyDir volumes, container homes and logs.</summary>
    public string Directory { get; }

    public string HostIp { get; }

    public DateTimeOffset StartTime { get; }

    public IReadOnlyList<ContainerRunner> Containers => _containers;

    /// <summary>Mounts (or renews) the pod's volumes; what its containers are started with.</summary>
    public Func<(IReadOnlyDictionary<string, string>? Volumes, WaitingState? Waiting)> Volumes { get; init; } = () => (new Dictionary<string, string>(), null);

    /// <summary>Set once the pod's containers have been told to stop; completes when they have.</summary>
    public Task? Stopped => _stopped;

    public void Start()
    {
        foreach (var runner in _containers)
        {
            _running.Add(Task.Run(() => runner.RunAsync(_stopping.Token)));
        }
    }

    public PodRuntimeStatus Snapshot() => new(PodIp, HostIp, StartTime, [.. _containers.Select(c => c.Status)]);

    /// <summary>Stops every container (SIGTERM, then SIGKILL after <paramref name="gracePeriod"/>); idempotent.</summary>
    public Task StopAsync(TimeSpan gracePeriod)
    {
        lock (_containers)
        {
            if (_stopped is null)
            {
                foreach (var runner in _containers)
                {
                    runner.GracePeriod = gracePeriod;
                }

                _stopping.Cancel();
                _stopped = Task.WhenAll(_running);
            }

            return _stopped;
        }
    }

    public TimeSpan RemainingGrace(JsonObject pod)
    {
        if (pod.DeletionTimestamp() is { } deadline)
        {
            var remaining = deadline - _time.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(JsonNumber.AsInt64(pod["spec"]?["terminationGracePeriodSeconds"]) ?? 30);
    }
}
