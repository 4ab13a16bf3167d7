using VisitCounter.Bench.OperatorScale.Reporting;

namespace VisitCounter.Bench.OperatorScale.Tests;

public sealed class ResultsDocumentTests
{
    private const string CounterApp = "# Counter app benchmark\n\n## Results\n\n| a | b |\n";

    [Fact]
    public void First_run_appends_the_section_after_the_other_sections()
    {
        var document = ResultsDocument.WithSection(CounterApp, "## Operator scale\n\nrun 1\n");

        Assert.StartsWith(CounterApp, document, StringComparison.Ordinal);
        Assert.EndsWith($"{ResultsDocument.BeginMarker}\n## Operator scale\n\nrun 1\n{ResultsDocument.EndMarker}\n", document, StringComparison.Ordinal);
    }

    [Fact]
    public void Rerun_replaces_only_its_own_section()
    {
        var first = ResultsDocument.WithSection(CounterApp, "## Operator scale\n\nrun 1\n");
        var withLaterSection = first + "\n## Someone else's section\n\nkeep me\n";

        var second = ResultsDocument.WithSection(withLaterSection, "## Operator scale\n\nrun 2\n");

        Assert.DoesNotContain("run 1", second, StringComparison.Ordinal);
        Assert.Contains("run 2", second, StringComparison.Ordinal);
        Assert.StartsWith(CounterApp, second, StringComparison.Ordinal);
        Assert.EndsWith("\n## Someone else's section\n\nkeep me\n", second, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(second, ResultsDocument.BeginMarker));
    }

    [Fact]
    public void Text_without_a_trailing_newline_gets_a_blank_line_before_the_section()
    {
        var document = ResultsDocument.WithSection("# Title", "## Operator scale");
        Assert.Equal($"# Title\n\n{ResultsDocument.BeginMarker}\n## Operator scale\n{ResultsDocument.EndMarker}\n", document);
    }

    [Fact]
    public async Task WriteAsync_keeps_the_rest_of_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"results-{Guid.NewGuid():N}.md");
        try
        {
            await File.WriteAllTextAsync(path, CounterApp);
            await ResultsDocument.WriteAsync(path, "## Operator scale\n\nrun 1\n", CancellationToken.None);
            await ResultsDocument.WriteAsync(path, "## Operator scale\n\nrun 2\n", CancellationToken.None);

            var text = await File.ReadAllTextAsync(path);
            Assert.StartsWith(CounterApp, text, StringComparison.Ordinal);
            Assert.Contains("run 2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("run 1", text, StringComparison.Ordinal);
            Assert.False(File.Exists(path + ".operator-bench.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
