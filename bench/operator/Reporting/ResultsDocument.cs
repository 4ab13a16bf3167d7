using System.Text;

namespace VisitCounter.Bench.OperatorScale.Reporting;

/// <summary>
/// Puts the "Operator scale" section into bench/RESULTS.md, a file other benchmarks write too. The section sits
/// between marker comments, so a re-run replaces only its own text and never touches the other sections.
/// </summary>
public static class ResultsDocument
{
    /// <summary>The line that opens the section.</summary>
    public const string BeginMarker = "<!-- operator-scale:begin -->";

    /// <summary>The line that closes the section.</summary>
    public const string EndMarker = "<!-- operator-scale:end -->";

    /// <summary>
    /// <paramref name="existing"/> with <paramref name="section"/> between the markers: replacing the previous
    /// section when both markers are present in order, else appended at the end.
    /// </summary>
    public static string WithSection(string existing, string section)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(section);
        var block = $"{BeginMarker}\n{section.TrimEnd()}\n{EndMarker}\n";
        var begin = existing.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = begin < 0 ? -1 : existing.IndexOf(EndMarker, begin, StringComparison.Ordinal);
        if (begin >= 0 && end > begin)
        {
            var afterEnd = end + EndMarker.Length;
            if (afterEnd < existing.Length && existing[afterEnd] == '\n')
            {
                afterEnd++;
            }

            return existing[..begin] + block + existing[afterEnd..];
        }

        var separator = existing.Length == 0 ? string.Empty : existing.EndsWith('\n') ? "\n" : "\n\n";
        return existing + separator + block;
    }

    /// <summary>Writes the section into <paramref name="path"/> durably: a temporary file, fsync, then an atomic rename.</summary>
    public static async Task WriteAsync(string path, string section, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : string.Empty;
        var temporary = path + ".operator-bench.tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(WithSection(existing, section));
            await stream.WriteAsync(bytes, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
