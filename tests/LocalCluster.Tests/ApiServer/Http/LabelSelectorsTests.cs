using VisitCounter.LocalCluster.ApiServer.Errors;
using VisitCounter.LocalCluster.ApiServer.Selectors;

namespace VisitCounter.LocalCluster.Tests.Server.Http;

/// <summary>The <c>labelSelector</c> parameter: the shared parser, with malformed input answered 400.</summary>
public sealed class LabelSelectorsTests
{
    [Theory]
    [InlineData("app in web")]
    [InlineData("app=web,,tier=front")]
    [InlineData("bad key=x")]
    public void A_malformed_selector_is_400_BadRequest_naming_it(string selector)
    {
        var error = Assert.Throws<ApiException>(() => LabelSelectors.Parse(selector));

        Assert.Equal(400, error.Code);
        Assert.Contains(selector, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_based_selector_matches_as_the_api_defines()
    {
        var selector = LabelSelectors.Parse("app in (web,api),!legacy,tier!=db");

        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["legacy"] = "yes" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "api", ["tier"] = "db" }));
    }
}
