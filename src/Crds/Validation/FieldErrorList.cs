using System.Globalization;

namespace VisitCounter.Crds.Validation;

/// <summary>
/// Collects <see cref="FieldError"/>s with the checks every field shares (ranges, closed value sets),
/// so each message has the same shape: what was given, and what to use instead.
/// </summary>
internal sealed class FieldErrorList
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    public void InRange(string field, long? value, long min, long max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, string.Create(CultureInfo.InvariantCulture, $"{v} is out of range; use a value from {min} to {max}"));
        }
    }

    public void AtLeast(string field, long? value, long min)
    {
        if (value is { } v && v < min)
        {
            Add(field, string.Create(CultureInfo.InvariantCulture, $"{v} is too small; use {min} or more"));
        }
    }

    public void OneOf(string field, string? value, IReadOnlyList<string> allowed)
    {
        // An empty string means "unset" for these fields, as it does for Kubernetes' own enums with defaults.
        if (!string.IsNullOrEmpty(value) && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Add(field, $"\"{value}\" is not supported; use one of {string.Join(", ", allowed)}");
        }
    }
}
