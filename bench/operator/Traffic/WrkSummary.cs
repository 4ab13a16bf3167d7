using System.Globalization;
using System.Text.RegularExpressions;

namespace VisitCounter.Bench.OperatorScale.Traffic;

/// <summary>What one wrk run reports: requests completed, and how many of them were not 2xx/3xx or failed at the socket.</summary>
/// <param name="Requests">The "N requests in Xs" count.</param>
/// <param name="NonSuccess">"Non-2xx or 3xx responses", 0 when wrk printed none.</param>
/// <param name="SocketErrors">connect + read + write + timeout errors of the "Socket errors" line, 0 when absent.</param>
public sealed partial record WrkSummary(long Requests, long NonSuccess, long SocketErrors)
{
    /// <summary>Parses wrk's standard output; null when it holds no "requests in" line (wrk failed).</summary>
    public static WrkSummary? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var requests = RequestsLine().Match(output);
        if (!requests.Success)
        {
            return null;
        }

        var nonSuccess = NonSuccessLine().Match(output);
        var socket = SocketErrorsLine().Match(output);
        return new WrkSummary(
            Number(requests.Groups[1].Value),
            nonSuccess.Success ? Number(nonSuccess.Groups[1].Value) : 0,
            socket.Success ? Enumerable.Range(1, 4).Sum(i => Number(socket.Groups[i].Value)) : 0);
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s*(\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
