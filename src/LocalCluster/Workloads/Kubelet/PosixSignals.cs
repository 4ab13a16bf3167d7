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

    // DllImport rather than LibraryImport: the signature is blittable (no marshalling code to generate, fine for
    // Native AOT) and LibraryImport would need AllowUnsafeBlocks in the shared project file.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
