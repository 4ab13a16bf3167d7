using System.Globalization;

namespace VisitCounter.CounterApp.Configuration;

/// <summary>
/// The documented recovery setting for a visits file that cannot be parsed. The default refuses to
/// count, because silently restarting from zero would hide lost data; an operator who has looked at
/// the kept-aside copy chooses the number to continue from.
/// </summary>
public sealed record CorruptFilePolicy
{
    /// <summary>Environment variable that selects the policy.</summary>
    public const string VariableName = "VISITS_ON_CORRUPT";

    private CorruptFilePolicy(long? restartFrom) => RestartFrom = restartFrom;

    /// <summary>Refuse to serve visits until a person intervenes (the default).</summary>
    public static CorruptFilePolicy Refuse { get; } = new((long?)null);

    /// <summary>
    /// The count to continue from after keeping the bad file aside, or <see langword="null"/> to refuse.
    /// </summary>
    public long? RestartFrom { get; }

    /// <summary>Continue from <paramref name="count"/> after keeping the bad file aside.</summary>
    public static CorruptFilePolicy RestartAt(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new CorruptFilePolicy(count);
    }

    /// <summary>Parses <c>refuse</c> (default), <c>reset</c> (same as 0) or a non-negative count.</summary>
    /// <exception cref="SettingsException">The value is none of those.</exception>
    public static CorruptFilePolicy Parse(string? value)
    {
        if (value is null || value.Equals("refuse", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse;
        }

        if (value.Equals("reset", StringComparison.OrdinalIgnoreCase))
        {
            return RestartAt(0);
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
        {
            return RestartAt(count);
        }

        throw new SettingsException(
            $"{VariableName}='{value}' is not understood: set it to refuse (default: keep the bad file and serve no visits), " +
            "reset (keep the bad file aside and start from 0) or a count to continue from, e.g. 1234.");
    }
}
