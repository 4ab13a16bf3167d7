using System.Collections.Concurrent;

namespace VisitCounter.Operator.Visits;

/// <summary>
/// Visits on their own cadence: the pods of an app are asked at most once per <c>visits.intervalSeconds</c>, however
/// many reconciles its children, pods or spec changes cause meanwhile; those reconciles reuse the last reading, so the
/// status changes because of visits at most once per interval while readiness and rollouts still show at once.
/// Keyed by the app's UID (a re-created app starts afresh). One instance per operator process.
/// </summary>
public sealed class VisitsSchedule
{
    private readonly ConcurrentDictionary<string, VisitsReading> readings = new(StringComparer.Ordinal);

    /// <summary>Whether a reading taken at <paramref name="last"/> is due for renewal at <paramref name="now"/>.</summary>
    public static bool IsDue(VisitsReading? last, TimeSpan interval, DateTimeOffset now) => last is null || now - last.ReadAt >= interval;

    /// <summary>How long after <paramref name="now"/> the next reading is due (never less than a second, so clock skew cannot spin).</summary>
    public static TimeSpan UntilNext(VisitsReading reading, TimeSpan interval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var remaining = reading.ReadAt + interval - now;
        return remaining < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : remaining;
    }

    /// <summary>The last reading of the app with <paramref name="uid"/>, if any.</summary>
    public VisitsReading? Last(string uid) => readings.GetValueOrDefault(uid);

    /// <summary>Records a reading.</summary>
    public void Record(string uid, VisitsReading reading) => readings[uid] = reading;

    /// <summary>Forgets a deleted app.</summary>
    public void Forget(string uid) => readings.TryRemove(uid, out _);
}
