using System.Text;
using VisitCounter.CounterApp.Http;

namespace VisitCounter.CounterApp.Tests.Http;

public sealed class VisitPageTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 7, 40, 1, 234, TimeSpan.FromHours(2));

    [Fact]
    public void Html_shows_pod_number_and_utc_time()
    {
        string html = Render(new VisitPage("web-0"), html: true, 75);

        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>web-0: visit 75</title>", html, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"visits\">75</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-21T05:40:01.234Z\">2026-11-21T05:40:01.234Z</time>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_encodes_the_pod_name()
    {
        string html = Render(new VisitPage("<b>&web"), html: true, 1);

        Assert.Contains("Hello from &lt;b&gt;&amp;web", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_is_one_line()
    {
        Assert.Equal("web-0: visit 75 at 2026-11-21T05:40:01.234Z\n", Render(new VisitPage("web-0"), html: false, 75));
    }

    [Theory]
    [InlineData("web-0")]
    [InlineData("ünïcødé-pod-ñame-that-is-rather-long-for-a-pod-but-still-allowed")]
    public void Largest_answers_fit_in_max_length(string pod)
    {
        var page = new VisitPage(pod);
        DateTimeOffset latest = DateTimeOffset.MaxValue;

        Assert.True(Render(page, html: true, long.MaxValue, latest).Length <= page.MaxLength);
        Assert.True(Render(page, html: false, long.MaxValue, latest).Length <= page.MaxLength);
    }

    private static string Render(VisitPage page, bool html, long visit, DateTimeOffset? time = null)
    {
        byte[] buffer = new byte[page.MaxLength];
        int length = html ? page.WriteHtml(buffer, visit, time ?? Time) : page.WritePlainText(buffer, visit, time ?? Time);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
