using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VisitCounter.LocalCluster.Workloads.Kubelet.Sandbox;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>What a container runner needs from its pod and its kubelet.</summary>
internal sealed record ContainerContext(
    LocalImageResolver Images,
    Prober Prober,
    ProcessRegistry Processes,
    KubeletOptions Options,
    string PodIp,
    string PodDirectory,
    Func<(IReadOnlyDictionary<string, string>? Volumes, WaitingState? Waiting)> ResolveVolumes,
    IReadOnlyDictionary<string, string?> HostEnvironment,
    TimeProvider Time,
    ILogger Logger,
    PodSandbox? Sandbox = null,
    IReadOnlyDictionary<string, string>? ServiceEnvironment = null);

/// <summary>
/// Keeps one container of a pod running the way the kubelet does: start the process, probe it (readiness decides
/// Ready, liveness failures restart it), restart it after a crash per restartPolicy with CrashLoopBackOff, and
/// stop it gracefully when the pod goes. Its <see cref="Status"/> is what the pod's containerStatuses report.
/// </summary>
internal sealed class ContainerRunner
{
    private readonly JsonObject _pod;
    private readonly string _podName;
    private readonly string _name;
    private readonly string _podNamespace;
    private readonly JsonObject _container;
    private readonly ContainerContext _context;
    private readonly Action _changed;
    private readonly CrashBackoff _backoff;
    private readonly Lock _gate = new();
    private ContainerRuntimeStatus _status;
    private ContainerLog? _currentLog;
    private ContainerLog? _previousLog;
    private ContainerLaunch? _launch;

    public ContainerRunner(JsonObject pod, JsonObject container, ContainerContext context, Action changed)
    {
        _pod = pod;
        _podName = pod.Name();
        _podNamespace = pod.Namespace();
        _container = container;
        _context = context;
        _changed = changed;
        _backoff = new CrashBackoff(context.Options.RestartBackoff, context.Options.MaxRestartBackoff);
        _name = ContainerLaunchBuilder.ContainerName(container);
        Image = container["image"]?.GetValue<string>() ?? "";
        _status = new ContainerRuntimeStatus(Name, Image, new WaitingState("ContainerCreating", ""), null, false, false, 0, null);
    }

    public string Name => _name;

    public string Image { get; }

    /// <summary>How long the process may take to exit after SIGTERM when the pod is deleted.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    public ContainerRuntimeStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>How the running container was started (its sandbox and environment), or null when it is not running.</summary>
    public ContainerLaunch? RunningLaunch
    {
        get
        {
            lock (_gate)
            {
                return _status.State is RunningState ? _launch : null;
            }
        }
    }

    public ContainerLog? Log(bool previous)
    {
        lock (_gate)
        {
            return previous ? _previousLog : _currentLog;
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await RunUntilStoppedAsync(stopping);
        }
        finally
        {
            // The pod is going: close the log files (what was logged stays readable from memory until then).
            lock (_gate)
            {
                _previousLog?.Dispose();
                _currentLog?.Dispose();
            }
        }
    }

    private async Task RunUntilStoppedAsync(CancellationToken stopping)
    {
        var restartPolicy = _pod["spec"]?["restartPolicy"]?.GetValue<string>() ?? "Always";
        while (!stopping.IsCancellationRequested)
        {
            var image = _context.Images.Resolve(Image);
            if (image is null)
            {
                Update(s => s with { State = new WaitingState("ErrImagePull", _context.Images.UnsupportedMessage(Image)) });
                await Sleep(Timeout.InfiniteTimeSpan, stopping);
                return;
            }

            var launch = PrepareLaunch(image);
            if (launch is null)
            {
                await Sleep(TimeSpan.FromSeconds(1), stopping);
                continue;
            }

            var termination = await RunOnceAsync(launch, stopping);
            if (termination is null || stopping.IsCancellationRequested)
            {
                return;
            }

            var restart = restartPolicy == "Always" || (restartPolicy == "OnFailure" && termination.ExitCode != 0);
            if (!restart)
            {
                Update(s => s with { State = termination, Ready = false, Started = false });
                await Sleep(Timeout.InfiniteTimeSpan, stopping);
                return;
            }

            var delay = _backoff.Next(termination.FinishedAt - termination.StartedAt);
            Update(s => s with
            {
                State = delay > TimeSpan.Zero
                    ? new WaitingState("CrashLoopBackOff",
                        $"back-off {delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s restarting failed container={Name} pod={_podName}_{_podNamespace}({_pod.Uid()})")
                    : new WaitingState("ContainerCreating", ""),
                LastTermination = termination,
                Ready = false,
                Started = false,
                RestartCount = s.RestartCount + 1,
            });
            await Sleep(delay, stopping);
        }
    }

    private ContainerLaunch? PrepareLaunch(LocalImage image)
    {
        var (volumes, waiting) = _context.ResolveVolumes();
        if (volumes is not null)
        {
            var containerDirectory = Path.Combine(_context.PodDirectory, "containers", Name);
            var (launch, problem) = ContainerLaunchBuilder.Build(
                _pod, _container, image, _context.PodIp, _context.Options.HostIp, containerDirectory, volumes, _context.HostEnvironment,
                _context.Sandbox, _context.ServiceEnvironment);
            if (launch is not null)
            {
                return launch;
            }

            waiting = problem;
        }

        Update(s => s with { State = waiting ?? new WaitingState("ContainerCreating", "") });
        return null;
    }

    /// <summary>One process run; returns how it ended, or null when the pod stopped it.</summary>
    private async Task<TerminatedState?> RunOnceAsync(ContainerLaunch launch, CancellationToken stopping)
    {
        var restartCount = Status.RestartCount;
        var log = new ContainerLog(Path.Combine(_context.PodDirectory, "logs", Name, restartCount.ToString(CultureInfo.InvariantCulture) + ".log"));
        ContainerProcess process;
        try
        {
            process = ContainerProcess.Start(launch, log, _context.Time);
        }
        catch (Win32Exception e)
        {
            log.Dispose();
            var now = _context.Time.GetUtcNow();
            return new TerminatedState(128, "StartError", $"failed to start {launch.FileName}: {e.Message}", now, now, "");
        }

        lock (_gate)
        {
            _previousLog?.Dispose();
            _previousLog = _currentLog;
            _currentLog = log;
            _launch = launch;
        }

        var pid = process.ProcessId;
        var podIp = _context.PodIp;
        var containerId = "local://" + pid.ToString(CultureInfo.InvariantCulture);
        _context.Processes.Add(pid);
        var readiness = ProbeSpec.FromJson(_container["readinessProbe"], _container);
        var liveness = ProbeSpec.FromJson(_container["livenessProbe"], _container);
        Update(s => s with { State = new RunningState(process.StartedAt), Started = true, Ready = readiness is null, ContainerId = containerId });
        if (_context.Logger.IsEnabled(LogLevel.Information))
        {
            _context.Logger.LogInformation("Started container {Container} of pod {Namespace}/{Pod} as process {Pid} on {PodIp}",
                _name, _podNamespace, _podName, pid, podIp);
        }

        using var probing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var readinessLoop = readiness is null ? Task.CompletedTask : ReadinessLoopAsync(readiness, probing.Token);
        var livenessLoop = liveness is null ? Task.Delay(Timeout.Infinite, probing.Token) : LivenessLoopAsync(liveness, probing.Token);
        var stopped = Task.Delay(Timeout.Infinite, stopping);

        var first = await Task.WhenAny(process.Exited, livenessLoop, stopped);
        var reason = "Error";
        string? message = null;
        if (first == livenessLoop && !stopping.IsCancellationRequested && livenessLoop.IsCompletedSuccessfully)
        {
            message = "Container " + Name + " failed liveness probe, will be restarted";
            _context.Logger.LogWarning("{Message} (pod {Namespace}/{Pod})", message, _podNamespace, _podName);
        }

        Update(s => s with { Ready = false });
        var exitCode = first == process.Exited ? await process.Exited : await process.StopAsync(GracePeriod);
        await probing.CancelAsync();
        await Task.WhenAll(readinessLoop, livenessLoop).ContinueWith(_ => { }, TaskScheduler.Default);
        _context.Processes.Remove(pid);
        await process.DisposeAsync();

        var finished = _context.Time.GetUtcNow();
        var terminated = new TerminatedState(exitCode, exitCode == 0 ? "Completed" : reason, message, process.StartedAt, finished, containerId);
        if (_context.Logger.IsEnabled(LogLevel.Information))
        {
            _context.Logger.LogInformation("Container {Container} of pod {Namespace}/{Pod} exited with code {ExitCode}",
                _name, _podNamespace, _podName, exitCode);
        }
        if (stopping.IsCancellationRequested)
        {
            Update(s => s with { State = terminated, Ready = false, Started = false });
            return null;
        }

        return terminated;
    }

    private async Task ReadinessLoopAsync(ProbeSpec probe, CancellationToken cancellationToken)
    {
        int successes = 0, failures = 0;
        try
        {
            await Task.Delay(probe.InitialDelay, _context.Time, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await _context.Prober.ProbeAsync(probe, _context.PodIp, cancellationToken);
                (successes, failures) = result.Success ? (successes + 1, 0) : (0, failures + 1);
                if (successes >= probe.SuccessThreshold)
                {
                    Update(s => s with { Ready = true });
                }
                else if (failures >= probe.FailureThreshold)
                {
                    Update(s => s with { Ready = false });
                }

                await Task.Delay(probe.Period, _context.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Completes (successfully) when the liveness probe has failed failureThreshold times in a row.</summary>
    private async Task LivenessLoopAsync(ProbeSpec probe, CancellationToken cancellationToken)
    {
        var failures = 0;
        await Task.Delay(probe.InitialDelay, _context.Time, cancellationToken);
        while (true)
        {
            var result = await _context.Prober.ProbeAsync(probe, _context.PodIp, cancellationToken);
            failures = result.Success ? 0 : failures + 1;
            if (failures >= probe.FailureThreshold)
            {
                _context.Logger.LogWarning("Liveness probe failed for {Container} of pod {Namespace}/{Pod}: {Reason}",
                    _name, _podNamespace, _podName, result.Message);
                return;
            }

            await Task.Delay(probe.Period, _context.Time, cancellationToken);
        }
    }

    private void Update(Func<ContainerRuntimeStatus, ContainerRuntimeStatus> change)
    {
        bool changed;
        lock (_gate)
        {
            var next = change(_status);
            changed = next != _status;
            _status = next;
        }

        if (changed)
        {
            _changed();
        }
    }

    private async Task Sleep(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _context.Time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
