using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VisitCounter.CounterApp.Storage;

/// <summary>
/// Flushes to stable storage. On Linux this calls <c>fdatasync</c> rather than <c>fsync</c>: the record
/// is overwritten in place and never changes length, so the inode's timestamps are the only metadata
/// that change, and journaling them on every commit would double the cost of each flush for nothing
/// a restart needs.
/// </summary>
internal static partial class DiskSync
{
    private const int EINTR = 4;

    /// <summary>Flushes a file's data (and the metadata needed to read it back) to stable storage.</summary>
    public static void FlushData(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(handle);
            return;
        }

        while (FDataSync(handle) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR)
            {
                throw new IOException($"fdatasync failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
            }
        }
    }

    /// <summary>
    /// Flushes a directory so that a file created or renamed in it survives a power loss; without
    /// this, a fresh <c>rename</c> may be undone by a crash even though the file's data was flushed.
    /// </summary>
    public static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open directory {directory} to flush it: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
        }

        try
        {
            while (FSync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR)
                {
                    throw new IOException($"fsync of directory {directory} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
                }
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(SafeFileHandle fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
