using VisitCounter.CounterApp.Http;

namespace VisitCounter.CounterApp.Tests.Http;

public sealed class ContentNegotiationTests
{
    private static readonly ResponseFormat[] PageOffers = [ResponseFormat.Html, ResponseFormat.PlainText, ResponseFormat.Json];

    [Theory]
    [InlineData(null, ResponseFormat.Html)]
    [InlineData("", ResponseFormat.Html)]
    [InlineData("*/*", ResponseFormat.Html)]
    [InlineData("application/json", ResponseFormat.Json)]
    [InlineData("text/plain", ResponseFormat.PlainText)]
    [InlineData("text/*", ResponseFormat.Html)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ResponseFormat.Html)]
    [InlineData("application/json;q=0.5, text/plain;q=0.9", ResponseFormat.PlainText)]
    [InlineData("text/plain;q=0.1, */*", ResponseFormat.Html)]
    [InlineData("*/*;q=0.5, application/json", ResponseFormat.Json)]
    [InlineData("image/png", ResponseFormat.Html)]
    [InlineData("not a media type;;", ResponseFormat.Html)]
    [InlineData("APPLICATION/JSON", ResponseFormat.Json)]
    public void Page_format_follows_the_accept_header(string? accept, ResponseFormat expected)
    {
        Assert.Equal(expected, ContentNegotiation.Choose(accept, PageOffers));
    }

    [Theory]
    [InlineData(null, ResponseFormat.PlainText)]
    [InlineData("text/html", ResponseFormat.PlainText)]
    [InlineData("application/json", ResponseFormat.Json)]
    public void Count_format_is_plain_text_unless_json_is_asked_for(string? accept, ResponseFormat expected)
    {
        Assert.Equal(expected, ContentNegotiation.Choose(accept, ResponseFormat.PlainText, ResponseFormat.Json));
    }
}
