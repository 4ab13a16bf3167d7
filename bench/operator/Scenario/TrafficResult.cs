namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>The traffic window on the apps that have pods, and the sum check after it.</summary>
/// <param name="Window">What the operator did during the traffic.</param>
/// <param name="Prepare">From patching the traffic apps (replicas, NodePort, interval) to all their pods ready and settled.</param>
/// <param name="WrkRequests">Requests wrk completed over all traffic apps.</param>
/// <param name="WrkFailures">Non-2xx/3xx answers and socket errors wrk reported.</param>
/// <param name="StatusWrites">Status writes per traffic app in the window.</param>
/// <param name="OtherAppsStatusWrites">Status writes of all other apps in the window (expected 0).</param>
/// <param name="SumCheck">After traffic stopped: did every traffic app's status.visits reach the sum of its pods' counts.</param>
public sealed record TrafficResult(
    WindowResult Window,
    TimeSpan Prepare,
    long WrkRequests,
    long WrkFailures,
    IReadOnlyDictionary<string, long> StatusWrites,
    long OtherAppsStatusWrites,
    SumCheck SumCheck);

/// <summary>The exact-sum check after traffic stops.</summary>
/// <param name="Matched">Apps whose status.visits equalled the sum of their pods' /visits within the wait.</param>
/// <param name="Apps">Apps checked.</param>
/// <param name="After">From the end of traffic until the last app matched (null when not all did).</param>
/// <param name="Wait">How long the check waited at most.</param>
public sealed record SumCheck(int Matched, int Apps, TimeSpan? After, TimeSpan Wait);
