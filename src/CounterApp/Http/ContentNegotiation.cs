using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace VisitCounter.CounterApp.Http;

/// <summary>Picks a <see cref="ResponseFormat"/> from an <c>Accept</c> header.</summary>
/// <remarks>
/// Each offered type gets the quality of the most specific media range that matches it
/// (<c>text/plain</c> beats <c>text/*</c> beats <c>*/*</c>); the highest quality wins and ties go to
/// the order the endpoint offers. A header that accepts none of the offered types gets the first one
/// rather than a 406, because every client of this app can read all of them.
/// </remarks>
public static class ContentNegotiation
{
    /// <summary>Chooses among <paramref name="offered"/>, listed in the endpoint's order of preference.</summary>
    public static ResponseFormat Choose(StringValues accept, params ReadOnlySpan<ResponseFormat> offered)
    {
        if (offered.IsEmpty)
        {
            throw new ArgumentException("At least one format must be offered.", nameof(offered));
        }

        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out IList<MediaTypeHeaderValue>? ranges) || ranges.Count == 0)
        {
            return offered[0];
        }

        ResponseFormat best = offered[0];
        double bestQuality = 0;
        foreach (ResponseFormat format in offered)
        {
            double quality = QualityOf(MediaTypeOf(format), ranges);
            if (quality > bestQuality)
            {
                best = format;
                bestQuality = quality;
            }
        }

        return best;
    }

    /// <summary>The media type, with charset, written in <c>Content-Type</c> for <paramref name="format"/>.</summary>
    public static string ContentTypeOf(ResponseFormat format) => format switch
    {
        ResponseFormat.Html => "text/html; charset=utf-8",
        ResponseFormat.Json => "application/json; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    private static string MediaTypeOf(ResponseFormat format) => format switch
    {
        ResponseFormat.Html => "text/html",
        ResponseFormat.Json => "application/json",
        _ => "text/plain",
    };

    private static double QualityOf(string mediaType, IList<MediaTypeHeaderValue> ranges)
    {
        int slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        string type = mediaType[..slash];
        int bestSpecificity = -1;
        double quality = 0;
        foreach (MediaTypeHeaderValue range in ranges)
        {
            int specificity =
                range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) ? 2
                : range.MatchesAllSubTypes && range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? 1
                : range.MatchesAllTypes ? 0
                : -1;
            if (specificity > bestSpecificity)
            {
                bestSpecificity = specificity;
                quality = range.Quality ?? 1.0;
            }
        }

        return quality;
    }
}
