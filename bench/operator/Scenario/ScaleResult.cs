using VisitCounter.Bench.OperatorScale.Observation;

namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>Everything measured in one run for one app count.</summary>
/// <param name="Apps">How many VisitCounterApps were created at once.</param>
/// <param name="Run">1-based run number.</param>
/// <param name="OperatorCommandLine">How the operator process was started.</param>
/// <param name="Convergence">Create all apps -> every app converged, then the operator's writes settled.</param>
/// <param name="Quiet">The quiet window (traffic apps' pods running, no traffic).</param>
/// <param name="Traffic">The traffic window, null when no traffic apps were asked for or their pods never got ready.</param>
/// <param name="Memory">The operator process's memory at the phase ends.</param>
public sealed record ScaleResult(
    int Apps,
    int Run,
    string OperatorCommandLine,
    ConvergenceResult Convergence,
    WindowResult Quiet,
    TrafficResult? Traffic,
    MemoryReadings Memory);

/// <summary>The operator's RSS (VmRSS) at the end of each phase, and its peak (VmHWM) at the end of the run.</summary>
/// <param name="Ready">Started, caches synced, no apps yet.</param>
/// <param name="Converged">Every app converged and settled.</param>
/// <param name="AfterQuiet">At the end of the quiet window.</param>
/// <param name="AfterTraffic">At the end of the traffic window (null without one).</param>
/// <param name="Peak">VmHWM at the end of the run.</param>
public sealed record MemoryReadings(long Ready, long Converged, long AfterQuiet, long? AfterTraffic, long Peak);
