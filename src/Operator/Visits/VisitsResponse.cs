using System.Globalization;
using System.Text.Json;

namespace VisitCounter.Operator.Visits;

/// <summary>Parses the counter app's <c>/visits</c> answer: <c>{"pod":"web-0","visits":74}</c> or plain <c>74</c>.</summary>
public static class VisitsResponse
{
    /// <summary>The count in <paramref name="body"/>, or null when it holds none.</summary>
    public static long? Parse(string? body)
    {
        var text = body?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("visits", out var visits)
                && visits.TryGetInt64(out var count)
                && count >= 0
                ? count
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
