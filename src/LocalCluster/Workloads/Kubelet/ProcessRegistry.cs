using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// Remembers, on disk, which container processes the kubelet started, so that processes left behind by a local
/// cluster that was killed (no chance to stop its children) are ended when the next one starts on the same data
/// directory. A file per process holds its start time, so a recycled process id is never mistaken for ours.
/// </summary>
internal sealed class ProcessRegistry(string directory, ILogger logger)
{
    public void Add(int pid)
    {
        Directory.CreateDirectory(directory);
        var started = StartTimeOf(pid);
        if (started is not null)
        {
            File.WriteAllText(PathOf(pid), started.Value.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Remove(int pid)
    {
        try
        {
            File.Delete(PathOf(pid));
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Kills every registered process that is still the one we started; returns how many were killed.</summary>
    public int KillLeftovers()
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var killed = 0;
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (int.TryParse(Path.GetFileName(file), CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(File.ReadAllText(file), CultureInfo.InvariantCulture, out var ticks)
                && StartTimeOf(pid) == ticks)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                    killed++;
                    logger.LogWarning("Killed container process {Pid} left behind by an earlier run of the local cluster", pid);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Gone in the meantime.
                }
            }

            File.Delete(file);
        }

        return killed;
    }

    private string PathOf(int pid) => Path.Combine(directory, pid.ToString(CultureInfo.InvariantCulture));

    private static long? StartTimeOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
