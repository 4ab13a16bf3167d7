namespace VisitCounter.Crds.Validation;

/// <summary>Formatting of validation results for conditions, events and logs.</summary>
public static class FieldErrorExtensions
{
    /// <summary>All errors on one line, separated by "; ", e.g. for a Degraded condition message.</summary>
    public static string ToSummary(this IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return string.Join("; ", errors.Select(e => e.ToString()));
    }
}
