using System.Text;

namespace VisitCounter.Crds.Generation;

/// <summary>
/// Writes generated manifests under a config directory (<c>config/crd/</c>, <c>config/rbac/</c>) so that an
/// interrupted run never leaves one half-written: a changed file goes to a temporary file, is flushed to disk and
/// renamed over the old one. Files whose content is unchanged are left alone, so their timestamps do not move.
/// </summary>
public static class ManifestFiles
{
    /// <summary>Writes each of <paramref name="files"/> (paths relative to <paramref name="configDir"/>, '/'-separated) that differs on disk.</summary>
    /// <returns>The full paths of the files that changed.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(string configDir, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configDir);
        ArgumentNullException.ThrowIfNull(files);
        var changed = new List<string>();
        foreach (var (relativePath, content) in files)
        {
            var path = Path.GetFullPath(Path.Combine(configDir, relativePath));
            if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == content)
            {
                continue;
            }

            await WriteDurablyAsync(path, content, cancellationToken);
            changed.Add(path);
        }

        return changed;
    }

    private static async Task WriteDurablyAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            // On disk before the rename makes it visible, or a crash could leave an empty manifest.
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
