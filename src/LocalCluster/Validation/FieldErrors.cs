using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// Builds <see cref="FieldError"/>s worded exactly as apimachinery's <c>field.Error</c> does
/// (<c>field.Required</c>, <c>field.Invalid</c>, <c>field.NotSupported</c>, ...).
/// </summary>
public static class FieldErrors
{
    /// <summary><c>Required value</c>, optionally with a detail.</summary>
    public static FieldError Required(string field, string detail = "") =>
        new("FieldValueRequired", field, WithDetail("Required value", detail));

    /// <summary><c>Invalid value: &lt;value&gt;: &lt;detail&gt;</c>.</summary>
    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new("FieldValueInvalid", field, WithDetail("Invalid value: " + GoFormat.Value(value), detail));

    /// <summary><c>Invalid value: "string": &lt;detail&gt;</c> for a value of the wrong JSON type (the value printed is the type name).</summary>
    public static FieldError TypeInvalid(string field, string actualType, string detail) =>
        new("FieldValueTypeInvalid", field, WithDetail("Invalid value: " + GoFormat.Quote(actualType), detail));

    /// <summary><c>Unsupported value: "Foo": supported values: "OrderedReady", "Parallel"</c>.</summary>
    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, "Unsupported value: " + GoFormat.Value(value) + ": supported values: " + string.Join(", ", supported.Select(GoFormat.Quote)));

    /// <summary><c>Forbidden: &lt;detail&gt;</c>.</summary>
    public static FieldError Forbidden(string field, string detail) =>
        new("FieldValueForbidden", field, WithDetail("Forbidden", detail));

    /// <summary><c>Duplicate value: &lt;value&gt;</c>.</summary>
    public static FieldError Duplicate(string field, JsonNode? value) =>
        new("FieldValueDuplicate", field, "Duplicate value: " + GoFormat.Value(value));

    /// <summary><c>Too long: may not be more than N bytes</c>.</summary>
    public static FieldError TooLong(string field, long maxLength) =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {maxLength} bytes");

    /// <summary><c>Too many: 5: must have at most 3 items</c>.</summary>
    public static FieldError TooMany(string field, long actual, long max) =>
        new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} items");

    private static string WithDetail(string text, string detail) => detail.Length == 0 ? text : text + ": " + detail;
}
