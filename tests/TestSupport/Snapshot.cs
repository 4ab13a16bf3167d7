using Xunit;

namespace VisitCounter.TestSupport;

/// <summary>
/// Compares generated text with a file checked into the repository. Set <c>UPDATE_SNAPSHOTS=1</c> to accept the
/// generated text instead (the file is rewritten and the assertion passes), then review the diff before committing.
/// </summary>
public static class Snapshot
{
    /// <summary>The environment variable that turns assertions into updates.</summary>
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    /// <summary>Whether this run should rewrite snapshots.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Fails when the file at <paramref name="path"/> differs from <paramref name="expected"/>, naming the first differing line.</summary>
    /// <param name="path">Absolute path of the checked-in file.</param>
    /// <param name="expected">What the code generates now.</param>
    /// <param name="howToRegenerate">The command that rewrites the file, shown on failure.</param>
    public static void FileMatches(string path, string expected, string howToRegenerate)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
            return;
        }

        Assert.True(File.Exists(path), $"{path} does not exist. Generate it with: {howToRegenerate}");
        var actual = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (actual == expected)
        {
            return;
        }

        var actualLines = actual.Split('\n');
        var expectedLines = expected.Split('\n');
        var line = 0;
        while (line < actualLines.Length && line < expectedLines.Length && actualLines[line] == expectedLines[line])
        {
            line++;
        }

        Assert.Fail(
            $"{path} is out of date (first difference at line {line + 1}).\n" +
            $"  checked in: {(line < actualLines.Length ? actualLines[line] : "<end of file>")}\n" +
            $"  generated:  {(line < expectedLines.Length ? expectedLines[line] : "<end of file>")}\n" +
            $"Regenerate with: {howToRegenerate} (or rerun the tests with {UpdateVariable}=1) and commit the result.");
    }
}
