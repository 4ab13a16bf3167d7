using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VisitCounter.E2E.Tests.Infrastructure;
using VisitCounter.Operator.Hosting;

namespace VisitCounter.E2E.Tests.Shipping;

/// <summary>
/// What ships: the production operator without the local cluster, both Dockerfiles building with the publish
/// script CI runs and smoke-tests (there is no Docker engine here), and an install whose images are set in one place.
/// </summary>
public sealed partial class PackagingTests
{
    [Fact]
    public void Operator_assembly_does_not_reference_the_local_cluster()
    {
        var references = typeof(OperatorHost).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("LocalCluster", references);

        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Operator", "Operator.csproj"));
        var projectReferences = project.Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include") ?? string.Empty).ToList();
        Assert.DoesNotContain(projectReferences, r => r.Contains("LocalCluster", StringComparison.Ordinal));
        Assert.DoesNotContain(projectReferences, r => r.Contains("CounterApp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Dockerfile.operator", "src/Operator/Operator.csproj", "visitcounter-operator")]
    [InlineData("Dockerfile.app", "src/CounterApp/CounterApp.csproj", "counter-app")]
    public void Dockerfile_publishes_with_the_script_ci_smoke_tests_onto_chiseled_runtime_deps(string dockerfile, string project, string binary)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, dockerfile));
        var runs = RunInstructions(text);
        var publish = Assert.Single(runs, r => r.Contains("publish", StringComparison.Ordinal) && !r.StartsWith("dotnet restore", StringComparison.Ordinal));
        Assert.StartsWith($"bash tools/publish-aot.sh {project} /app", publish, StringComparison.Ordinal);
        Assert.DoesNotContain(runs, r => r.StartsWith("dotnet publish", StringComparison.Ordinal));

        var ci = File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run"));
        Assert.Contains($"bash tools/publish-aot.sh {project} ", ci, StringComparison.Ordinal);
        Assert.Contains("bash tools/smoke-test-aot.sh", ci, StringComparison.Ordinal);

        var stages = FromLine().Matches(text).Select(m => m.Groups["image"].Value).ToList();
        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", stages[^1]);
        Assert.Contains("USER 1654:1654", text, StringComparison.Ordinal);
        Assert.Contains($"ENTRYPOINT [\"/app/{binary}\"", text, StringComparison.Ordinal);
        Assert.Contains("DOTNET_EnableDiagnostics=0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_install_takes_both_images_from_its_images_entries()
    {
        var copy = Path.Combine(Path.GetTempPath(), "vc-kustomize-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            CopyDirectory(Path.Combine(RepoPaths.Root, "config"), copy);
            var kustomization = Path.Combine(copy, "default", "kustomization.yaml");
            var text = await File.ReadAllTextAsync(kustomization);
            text = text
                .Replace("  - name: visitcounter/operator\n    newTag: 0.1.0", "  - name: visitcounter/operator\n    newName: registry.test/team/operator\n    newTag: \"2.0\"", StringComparison.Ordinal)
                .Replace("  - name: visitcounter/counter-app\n    newTag: 0.1.0", "  - name: visitcounter/counter-app\n    newName: registry.test/team/counter-app\n    newTag: \"2.0\"", StringComparison.Ordinal);
            await File.WriteAllTextAsync(kustomization, text);

            var rendered = await KustomizeAsync(Path.Combine(copy, "default"));

            Assert.Contains("image: registry.test/team/operator:2.0", rendered, StringComparison.Ordinal);
            Assert.Contains("value: registry.test/team/counter-app:2.0", rendered, StringComparison.Ordinal);
            Assert.Contains("--app-image=$(APP_IMAGE)", rendered, StringComparison.Ordinal);
            Assert.DoesNotContain("visitcounter/counter-app:0.1.0", rendered, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>The RUN instructions, continuation lines joined, each split at <c>&amp;&amp;</c> into its commands.</summary>
    private static List<string> RunInstructions(string dockerfile)
    {
        var joined = dockerfile.Replace("\\\n", " ", StringComparison.Ordinal);
        return joined.Split('\n')
            .Where(l => l.StartsWith("RUN ", StringComparison.Ordinal))
            .SelectMany(l => l["RUN ".Length..].Split("&&", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(c => Spaces().Replace(c, " "))
            .ToList();
    }

    private static async Task<string> KustomizeAsync(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        return await stdout;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
