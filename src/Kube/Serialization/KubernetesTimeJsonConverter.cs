using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Serialization;

/// <summary>
/// metav1.Time: RFC 3339 in UTC with whole seconds (<c>2024-05-01T10:00:00Z</c>), the form the API server
/// writes and the one <c>kubectl</c> prints. Reading accepts any RFC 3339 offset and fractional seconds.
/// </summary>
public sealed class KubernetesTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => KubernetesTime.Parse(reader.GetString());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
    }
}

/// <summary>metav1.MicroTime: like <see cref="KubernetesTimeJsonConverter"/> but with six fractional digits (Lease, Event.eventTime).</summary>
public sealed class MicroTimeJsonConverter : JsonConverter<DateTimeOffset?>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? null : KubernetesTime.Parse(reader.GetString());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteStringValue(v.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Parsing shared by the time converters.</summary>
internal static class KubernetesTime
{
    public static DateTimeOffset Parse(string? text)
    {
        if (text is null
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 timestamp such as 2024-05-01T10:00:00Z.");
        }

        return value;
    }
}
