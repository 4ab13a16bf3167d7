using System.Runtime.InteropServices;

namespace VisitCounter.LocalCluster.Workloads.Kubelet;

/// <summary>
/// Sends SIGTERM, which .NET's Process cannot (Process.Kill sends SIGKILL). A graceful stop of a container is
/// SIGTERM first, as the kubelet does, so that the app can finish its in-flight work.
/// </summary>
internal static class PosixSignals
{
    private const int SigTerm = 15;

    public static bool TryTerminate(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        return Kill(pid, SigTerm) == 0;
    }

    /// <summary>
    /// SIGTERM to every process inside a bubblewrap sandbox started as <paramref name="bwrapPid"/> (its descendants
    /// that are not bwrap's own monitor processes); false when none was found.
    /// </summary>
    public static bool TryTerminateSandboxed(int bwrapPid)
    {
        var any = false;
        foreach (var pid in Descendants(bwrapPid))
        {
            if (Command(pid) != BubblewrapProgram && Kill(pid, SigTerm) == 0)
            {
                any = true;
            }
        }

        return any;
    }

    private const string BubblewrapProgram = "bwrap";

    private static List<int> Descendants(int pid)
    {
        var found = new List<int>();
        var pending = new Stack<int>();
        pending.Push(pid);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var child in Children(current))
            {
                found.Add(child);
                pending.Push(child);
            }
        }

        return found;
    }

    private static List<int> Children(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task")
                .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse)
                .ToList();
        }
        catch (IOException)
        {
            return [];   // the process has gone meanwhile
        }
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable (no marshalling code to generate, fine for
    // Native AOT) and LibraryImport would need AllowUnsafeBlocks in the shared project file.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
