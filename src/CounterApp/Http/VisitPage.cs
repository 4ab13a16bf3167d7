using System.Globalization;
using System.Net;

namespace VisitCounter.CounterApp.Http;

/// <summary>The human-readable answers of <c>GET /</c>.</summary>
public static class VisitPage
{
    /// <summary>The small HTML page: pod name, this visit's number, time.</summary>
    public static string Html(string pod, long visit, DateTimeOffset time)
    {
        string name = WebUtility.HtmlEncode(pod);
        string number = visit.ToString(CultureInfo.InvariantCulture);
        string stamp = Stamp(time);
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{name}: visit {number}</title></head>
            <body><h1>Hello from {name}</h1><p>You are visit number <strong id="visits">{number}</strong> of this pod.</p><p><time datetime="{stamp}">{stamp}</time></p></body>
            </html>

            """;
    }

    /// <summary>The same facts on one line of text.</summary>
    public static string PlainText(string pod, long visit, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{pod}: visit {visit} at {Stamp(time)}\n");

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
