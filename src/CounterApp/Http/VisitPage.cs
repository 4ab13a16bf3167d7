using System.Net;
using System.Text;

namespace VisitCounter.CounterApp.Http;

/// <summary>
/// The human-readable answers of <c>GET /</c>: a small HTML page and its one-line text twin.
/// </summary>
/// <remarks>
/// <c>GET /</c> is the hot path, so the constant parts (including the HTML-encoded pod name) are
/// encoded to UTF-8 once and each answer is assembled into a caller's buffer without allocating.
/// </remarks>
public sealed class VisitPage
{
    /// <summary>Bytes that are always enough for one rendered answer.</summary>
    public int MaxLength { get; }

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private readonly byte[] _htmlTitle;
    private readonly byte[] _htmlHeading;
    private readonly byte[] _htmlTime;
    private readonly byte[] _htmlStamp;
    private readonly byte[] _htmlEnd;
    private readonly byte[] _textHead;
    private readonly byte[] _textMiddle;

    /// <summary>Prepares the page for the pod named <paramref name="pod"/>.</summary>
    public VisitPage(string pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        string name = WebUtility.HtmlEncode(pod);
        _htmlTitle = Encoding.UTF8.GetBytes($"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{name}: visit ");
        _htmlHeading = Encoding.UTF8.GetBytes($"</title></head>\n<body><h1>Hello from {name}</h1><p>You are visit number <strong id=\"visits\">");
        _htmlTime = Encoding.UTF8.GetBytes("</strong> of this pod.</p><p><time datetime=\"");
        _htmlStamp = Encoding.UTF8.GetBytes("\">");
        _htmlEnd = Encoding.UTF8.GetBytes("</time></p></body>\n</html>\n");
        _textHead = Encoding.UTF8.GetBytes($"{pod}: visit ");
        _textMiddle = Encoding.UTF8.GetBytes(" at ");
        const int Numbers = 2 * 20;
        const int Stamps = 2 * 24;
        int html = _htmlTitle.Length + _htmlHeading.Length + _htmlTime.Length + _htmlStamp.Length + _htmlEnd.Length;
        int text = _textHead.Length + _textMiddle.Length + 1;
        MaxLength = Math.Max(html, text) + Numbers + Stamps;
    }

    /// <summary>Renders the HTML page into <paramref name="destination"/>; returns the bytes written.</summary>
    public int WriteHtml(Span<byte> destination, long visit, DateTimeOffset time)
    {
        var output = new SpanWriter(destination);
        output.Write(_htmlTitle);
        output.Write(visit);
        output.Write(_htmlHeading);
        output.Write(visit);
        output.Write(_htmlTime);
        output.Write(time);
        output.Write(_htmlStamp);
        output.Write(time);
        output.Write(_htmlEnd);
        return output.Written;
    }

    /// <summary>Renders <c>web-0: visit 75 at 2026-01-01T00:00:00.000Z</c> and a newline; returns the bytes written.</summary>
    public int WritePlainText(Span<byte> destination, long visit, DateTimeOffset time)
    {
        var output = new SpanWriter(destination);
        output.Write(_textHead);
        output.Write(visit);
        output.Write(_textMiddle);
        output.Write(time);
        output.Write("\n"u8);
        return output.Written;
    }

    private ref struct SpanWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Written { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_destination[Written..]);
            Written += bytes.Length;
        }

        public void Write(long number)
        {
            number.TryFormat(_destination[Written..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
            Written += written;
        }

        public void Write(DateTimeOffset time)
        {
            time.UtcDateTime.TryFormat(_destination[Written..], out int written, TimeFormat, System.Globalization.CultureInfo.InvariantCulture);
            Written += written;
        }
    }
}
