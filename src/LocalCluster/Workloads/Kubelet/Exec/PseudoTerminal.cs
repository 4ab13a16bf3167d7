using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VisitCounter.LocalCluster.Workloads.Kubelet.Exec;

/// <summary>
/// A pseudo-terminal pair from libc's <c>openpty</c>: the master side stays here (kubectl's terminal talks to it),
/// the slave side, by its path, becomes the command's controlling terminal. Resizing is <c>TIOCSWINSZ</c> on the
/// master, which the kernel turns into SIGWINCH for the command.
/// </summary>
internal sealed partial class PseudoTerminal : IDisposable
{
    private const uint SetWindowSize = 0x5414;   // TIOCSWINSZ on Linux
    private readonly SafeFileHandle _master;

    private PseudoTerminal(SafeFileHandle master, string slavePath)
    {
        _master = master;
        SlavePath = slavePath;
        Master = new FileStream(master, FileAccess.ReadWrite, bufferSize: 0);
    }

    /// <summary>The slave's device path, e.g. <c>/dev/pts/3</c>.</summary>
    public string SlavePath { get; }

    /// <summary>Reads what the command writes; writes are its input.</summary>
    public Stream Master { get; }

    public static PseudoTerminal Open(int columns, int rows)
    {
        var size = new WindowSize((ushort)rows, (ushort)columns, 0, 0);
        if (OpenPty(out var master, out var slave, IntPtr.Zero, IntPtr.Zero, ref size) != 0)
        {
            throw new IOException($"openpty failed (errno {Marshal.GetLastPInvokeError()})");
        }

        var path = SlavePathOf(slave);
        // The command opens the slave by path; our copy of its descriptor would keep the terminal open after the
        // command ends, and the master would then never see the end.
        _ = Close(slave);
        return new PseudoTerminal(new SafeFileHandle(master, ownsHandle: true), path);
    }

    public void Resize(int columns, int rows)
    {
        var size = new WindowSize((ushort)rows, (ushort)columns, 0, 0);
        _ = Ioctl(_master, SetWindowSize, ref size);
    }

    public void Dispose()
    {
        Master.Dispose();
        _master.Dispose();
    }

    private static string SlavePathOf(int fd)
    {
        var buffer = new byte[256];
        if (PtsName(fd, buffer, (nuint)buffer.Length) != 0)
        {
            throw new IOException("ttyname_r failed for a new pseudo-terminal");
        }

        return System.Text.Encoding.ASCII.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0));
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct WindowSize(ushort Rows, ushort Columns, ushort XPixels, ushort YPixels);

    // DllImport (blittable signatures, AOT-safe without generated marshalling; see PosixSignals).
    [DllImport("libc", EntryPoint = "openpty", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int OpenPty(out int master, out int slave, IntPtr name, IntPtr termios, ref WindowSize size);

    [DllImport("libc", EntryPoint = "ttyname_r", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int PtsName(int fd, byte[] buffer, nuint length);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Ioctl(SafeFileHandle fd, uint request, ref WindowSize size);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
