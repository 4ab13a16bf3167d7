namespace VisitCounter.Operator.Hosting;

/// <summary>How log lines are written to standard output.</summary>
public enum LogFormat
{
    /// <summary>One human-readable line per entry.</summary>
    Text,

    /// <summary>One JSON object per line with the structured fields as properties, for log collectors.</summary>
    Json,
}
