using System.Globalization;
using System.Runtime.InteropServices;

namespace VisitCounter.Bench.OperatorScale.Reporting;

/// <summary>The machine a result came from, as the results file records it.</summary>
public sealed record MachineInfo(int ProcessorCount, string CpuModel, string Memory, string OperatingSystem, string Runtime, string LoadAverage)
{
    /// <summary>Reads the current machine (Linux /proc where available; "unknown" elsewhere).</summary>
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? "unknown",
        MemTotal() ?? "unknown",
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages, or "unknown".</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? MemTotal()
    {
        var kib = FirstValue("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? $"{value / 1024.0 / 1024.0:0.0} GiB"
            : null;
    }

    private static string? FirstValue(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path)
            .Where(line => line.StartsWith(key, StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }
}
