using VisitCounter.Kube.Selectors;

namespace VisitCounter.Kube.Tests.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front", ["app.kubernetes.io/instance"] = "web" };

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app = web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("tier", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!tier", false)]
    [InlineData("app in (db, web)", true)]
    [InlineData("app in (db)", false)]
    [InlineData("app notin (db)", true)]
    [InlineData("app notin (db,web)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("app=web,tier=front,app.kubernetes.io/instance=web", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("app in (web,db),tier", true)]
    public void Matches_like_the_api_server(string? selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Web));
    }

    [Fact]
    public void Objects_without_labels_match_only_negative_requirements()
    {
        Assert.True(LabelSelector.Parse("!app,app notin (x),app!=y").Matches(null));
        Assert.False(LabelSelector.Parse("app").Matches(null));
    }

    [Fact]
    public void MatchLabels_requires_every_pair()
    {
        var selector = LabelSelector.FromMatchLabels(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" });

        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Theory]
    [InlineData("app=web,", "empty requirement")]
    [InlineData("app in web", "parentheses")]
    [InlineData("app over (x)", "expected =, ==, !=, in or notin")]
    [InlineData("a pp=x", "not a valid label key")]
    [InlineData("app=we b", "not a valid label value")]
    public void Malformed_selectors_say_what_is_wrong(string selector, string reason)
    {
        var error = Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));

        Assert.Contains(selector, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
