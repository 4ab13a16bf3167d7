using System.Globalization;

namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>A process's memory from Linux <c>/proc/PID/status</c>: resident set now and its peak so far.</summary>
/// <param name="RssBytes">VmRSS: resident memory now.</param>
/// <param name="PeakRssBytes">VmHWM: the highest resident memory since the process started.</param>
public sealed record ProcessMemory(long RssBytes, long PeakRssBytes)
{
    /// <summary>Reads the status of process <paramref name="pid"/>; null when it is gone or not on Linux.</summary>
    public static ProcessMemory? Read(int pid)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses the <c>VmRSS:</c> and <c>VmHWM:</c> lines (kB) of a <c>/proc/PID/status</c> text; null without them.</summary>
    public static ProcessMemory? Parse(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var rss = Kilobytes(status, "VmRSS:");
        var peak = Kilobytes(status, "VmHWM:");
        return rss is { } r && peak is { } p ? new ProcessMemory(r * 1024, p * 1024) : null;
    }

    private static long? Kilobytes(string status, string key)
    {
        var line = status.Split('\n').FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var number = line?[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;
    }
}
