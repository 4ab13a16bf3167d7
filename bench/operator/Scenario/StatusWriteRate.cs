namespace VisitCounter.Bench.OperatorScale.Scenario;

/// <summary>Status writes per app per visits interval over a window: the target is at most one.</summary>
public static class StatusWriteRate
{
    /// <summary>
    /// Writes of each app divided by the intervals the window spans (<paramref name="window"/> /
    /// <paramref name="interval"/>); apps without writes count as 0.
    /// </summary>
    public static IReadOnlyList<double> PerInterval(IReadOnlyDictionary<string, long> writes, IEnumerable<string> apps, TimeSpan window, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(apps);
        if (interval <= TimeSpan.Zero || window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "The window and the interval must be positive.");
        }

        var intervals = window / interval;
        return apps.Select(app => writes.GetValueOrDefault(app) / intervals).ToList();
    }

    /// <summary>Writes in the window since <paramref name="before"/>, by app (apps that made none are left out).</summary>
    public static IReadOnlyDictionary<string, long> Since(IReadOnlyDictionary<string, long> now, IReadOnlyDictionary<string, long> before)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        return now.Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count != 0)
            .ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal);
    }
}
