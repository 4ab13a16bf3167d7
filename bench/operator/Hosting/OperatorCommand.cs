namespace VisitCounter.Bench.OperatorScale.Hosting;

/// <summary>How the benchmark starts the operator: a given command, or <c>dotnet</c> with the operator the benchmark was built with.</summary>
public static class OperatorCommand
{
    private const string Assembly = "visitcounter-operator.dll";

    /// <summary>
    /// <paramref name="given"/> split on spaces (e.g. a published <c>visitcounter-operator</c> binary), or else
    /// <c>dotnet src/Operator/bin/CONFIGURATION/.../visitcounter-operator.dll</c> of this checkout, preferring the
    /// benchmark's own build configuration (building the benchmark builds the operator too).
    /// </summary>
    public static IReadOnlyList<string> Resolve(string? given, string searchFrom)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var configuration = new DirectoryInfo(searchFrom).Parent?.Name ?? string.Empty;
        for (var dir = new DirectoryInfo(searchFrom); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "src", "Operator", "bin");
            if (!Directory.Exists(bin))
            {
                continue;
            }

            var built = Directory.EnumerateFiles(bin, Assembly, SearchOption.AllDirectories)
                .Where(p => File.Exists(Path.ChangeExtension(p, ".runtimeconfig.json")))
                .OrderByDescending(p => p.Contains($"{Path.DirectorySeparatorChar}{configuration}{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ThenByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (built is not null)
            {
                return ["dotnet", built];
            }
        }

        throw new FileNotFoundException(
            $"No built {Assembly} was found under src/Operator/bin above {searchFrom}; build src/Operator or pass --operator-command.");
    }
}
