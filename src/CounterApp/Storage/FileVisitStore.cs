using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using VisitCounter.CounterApp.Configuration;

namespace VisitCounter.CounterApp.Storage;

/// <summary>
/// Keeps the count in one small file, overwritten in place and flushed with <c>fdatasync</c> on every commit.
/// </summary>
/// <remarks>
/// Crash-safety argument. The file always holds one <see cref="VisitRecord"/> of fixed length at
/// offset 0; a commit is one <c>pwrite</c> of that record followed by <c>fdatasync</c>, and a visit is
/// acknowledged only after the flush of a record whose count is at least the visit's number.
/// Writes are issued one at a time in the order numbers are assigned, so the newest record is the
/// largest, except after a failed flush, when numbering restarts from the last acknowledged count.
/// Either way every record written is at least every number acknowledged before it was written.
/// <list type="bullet">
/// <item>Process death (<c>kill -9</c>, OOM): a write of a few bytes inside one page reaches the page
/// cache entirely or not at all, and the page cache outlives the process, so the file holds the
/// previous record or the new one; both are at least every number already acknowledged.</item>
/// <item>Power loss: the length never changes, so a flush writes one data block and no size or
/// extent metadata; the record lies within the first 512-byte sector, which disks write atomically.
/// Should a device tear it anyway, the record's checksum exposes the mix and the app refuses to guess
/// (see <see cref="CorruptFilePolicy"/>) instead of continuing from a smaller number.</item>
/// <item>A failed flush: every commit rewrites the whole record, so the next successful flush makes
/// the newest count durable no matter what happened to earlier pages (no reliance on the kernel
/// retrying a failed writeback).</item>
/// <item>Creation and conversion from the lab's plain format write a temporary file, flush it,
/// rename it over the target and flush the directory, so a crash leaves the old file or the new one.</item>
/// </list>
/// One process owns the file because the StatefulSet gives each pod its own volume; the handle
/// shares reading (<see cref="FileShare.Read"/>), so <c>cat</c> and other readers are never blocked.
/// </remarks>
public sealed class FileVisitStore : IVisitStore
{
    private const int MaxReadBytes = 4096;

    private readonly SafeFileHandle _handle;

    // Only the thread that holds the committer's write lock formats into this buffer.
    private readonly byte[] _record = new byte[VisitRecord.Length];

    private FileVisitStore(SafeFileHandle handle) => _handle = handle;

    /// <summary>
    /// Loads the count from <paramref name="path"/>, creating the file at 0 when it is missing,
    /// converting a plain number into the record form, and applying <paramref name="onCorrupt"/> to
    /// content that is not a count (a copy of it is always kept aside first).
    /// </summary>
    public static StoreOpenResult Open(string path, CorruptFilePolicy onCorrupt, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(onCorrupt);
        ArgumentNullException.ThrowIfNull(logger);

        byte[]? content;
        try
        {
            content = ReadIfExists(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string problem = $"cannot read VISITS_FILE {path}: {ex.Message}";
            logger.LogError("Storage problem: {Problem}", problem);
            return StoreOpenResult.Refused(problem);
        }

        if (content is null)
        {
            logger.LogInformation("No visits file at {Path}; starting from 0", path);
            return CreateAndOpen(path, 0, logger);
        }

        RecordReadResult read = VisitRecord.Parse(content);
        if (read.IsValid)
        {
            return read.IsRecord ? OpenInPlace(path, read.Count, logger) : Convert(path, read.Count, logger);
        }

        return HandleCorrupt(path, content, read.Problem, onCorrupt, logger);
    }

    /// <inheritdoc />
    public void Write(long count)
    {
        VisitRecord.Format(count, _record);
        RandomAccess.Write(_handle, _record, fileOffset: 0);
    }

    /// <inheritdoc />
    public void Flush() => DiskSync.FlushData(_handle);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static byte[]? ReadIfExists(string path)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = RandomAccess.GetLength(handle);
            byte[] buffer = new byte[(int)Math.Min(length, MaxReadBytes)];
            int total = 0;
            while (total < buffer.Length)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return buffer[..total];
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static StoreOpenResult HandleCorrupt(string path, byte[] content, string problem, CorruptFilePolicy onCorrupt, ILogger logger)
    {
        string? keptAt = null;
        try
        {
            keptAt = KeepAside(path, content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Could not keep a copy of the corrupt visits file {Path}: {Error}", path, ex.Message);
        }

        logger.LogError(
            "Storage problem: VISITS_FILE {Path} ({Bytes} bytes) is corrupt: {Problem}; copy kept at {KeptAt}",
            path, content.Length, problem, keptAt ?? "(none)");

        if (onCorrupt.RestartFrom is not { } restartFrom)
        {
            return StoreOpenResult.Refused(
                $"VISITS_FILE {path} is corrupt: {problem}. Visits are refused so that no count is silently reset; " +
                $"inspect {keptAt ?? path}, then fix the file or set {CorruptFilePolicy.VariableName} to the count to continue from (or reset) and restart.");
        }

        if (keptAt is null)
        {
            return StoreOpenResult.Refused(
                $"VISITS_FILE {path} is corrupt ({problem}) and no copy of it could be kept aside, so it is not overwritten despite {CorruptFilePolicy.VariableName}={restartFrom}.");
        }

        logger.LogWarning("Recovering: {Variable}={Count}, continuing from {Count} visits", CorruptFilePolicy.VariableName, restartFrom, restartFrom);
        return CreateAndOpen(path, restartFrom, logger);
    }

    /// <summary>
    /// Copies the bad file next to itself, once per distinct content: a pod that is restarted while
    /// the file stays corrupt keeps pointing at the first copy instead of filling the volume.
    /// </summary>
    private static string KeepAside(string path, byte[] content)
    {
        string directory = DirectoryOf(path);
        string prefix = Path.GetFileName(path) + ".corrupt-";
        long length = new FileInfo(path).Length;
        foreach (string existing in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            if (new FileInfo(existing).Length == length && SameStart(existing, content))
            {
                return existing;
            }
        }

        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string target = Path.Combine(directory, prefix + stamp);
        for (int attempt = 1; File.Exists(target); attempt++)
        {
            target = Path.Combine(directory, $"{prefix}{stamp}-{attempt}");
        }

        File.Copy(path, target, overwrite: false);
        using (SafeFileHandle copy = File.OpenHandle(target, FileMode.Open, FileAccess.ReadWrite))
        {
            DiskSync.FlushData(copy);
        }

        DiskSync.FlushDirectory(directory);
        return target;
    }

    private static bool SameStart(string path, byte[] content)
    {
        byte[]? start = ReadIfExists(path);
        return start is not null && start.AsSpan().SequenceEqual(content);
    }

    private static StoreOpenResult Convert(string path, long count, ILogger logger)
    {
        logger.LogInformation("Converting plain visits file {Path} (count {Count}) to the checksummed record form", path, count);
        return CreateAndOpen(path, count, logger);
    }

    private static StoreOpenResult CreateAndOpen(string path, long count, ILogger logger)
    {
        try
        {
            ReplaceAtomically(path, VisitRecord.Format(count));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string problem = $"cannot write VISITS_FILE {path}: {ex.Message}. Make the volume writable (and not full) and restart.";
            logger.LogError("Storage problem: {Problem}", problem);
            return StoreOpenResult.Refused(problem, count);
        }

        return OpenInPlace(path, count, logger);
    }

    private static StoreOpenResult OpenInPlace(string path, long count, ILogger logger)
    {
        try
        {
            SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            return StoreOpenResult.Opened(new FileVisitStore(handle), count);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string problem = $"cannot open VISITS_FILE {path} for writing: {ex.Message}. Make the volume writable and make sure no other process uses the file, then restart.";
            logger.LogError("Storage problem: {Problem}", problem);
            return StoreOpenResult.Refused(problem, count);
        }
    }

    private static void ReplaceAtomically(string path, byte[] content)
    {
        string directory = DirectoryOf(path);
        Directory.CreateDirectory(directory);
        string temporary = path + ".tmp";
        using (SafeFileHandle handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, content, fileOffset: 0);
            DiskSync.FlushData(handle);
        }

        File.Move(temporary, path, overwrite: true);
        DiskSync.FlushDirectory(directory);
    }

    private static string DirectoryOf(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
}
