using System.Text;

namespace VisitCounter.LocalCluster.Workloads.Objects;

/// <summary>Writes a file so that a crash leaves either the old or the new content: temp file, fsync, rename.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string content) => Write(path, Encoding.UTF8.GetBytes(content));

    public static void Write(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
