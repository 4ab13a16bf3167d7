using System.Globalization;

namespace VisitCounter.LocalCluster.ApiServer.Tables;

/// <summary>
/// Ages as kubectl shows them ("2s", "5m3s", "3h", "4d"): the rounding rules of apimachinery's
/// <c>util/duration.HumanDuration</c>, which the server applies to <c>date</c> columns.
/// </summary>
public static class HumanDuration
{
    /// <summary>Formats a duration.</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Floor(duration.TotalSeconds);
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 120) return Text($"{seconds}s");
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Text($"{minutes}m") : Text($"{minutes}m{s}s");
        }
        if (minutes < 180) return Text($"{minutes}m");
        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Text($"{hours}h") : Text($"{hours}h{m}m");
        }
        if (hours < 48) return Text($"{hours}h");
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Text($"{hours / 24}d") : Text($"{hours / 24}d{h}h");
        }
        if (hours < 24 * 365 * 2) return Text($"{hours / 24}d");
        if (hours < 24 * 365 * 8)
        {
            var days = (hours / 24) % 365;
            return days == 0 ? Text($"{hours / 24 / 365}y") : Text($"{hours / 24 / 365}y{days}d");
        }
        return Text($"{hours / 24 / 365}y");
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
