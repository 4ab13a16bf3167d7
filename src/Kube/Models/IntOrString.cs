using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>
/// intstr.IntOrString: a value that is either an integer (<c>8080</c>, <c>1</c>) or a string
/// (<c>http</c>, <c>25%</c>). It keeps the JSON form it was given, because the API server treats
/// <c>1</c> and <c>"1"</c> differently.
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public sealed record IntOrString
{
    private IntOrString(int? intValue, string? stringValue)
    {
        IntValue = intValue;
        StringValue = stringValue;
    }

    /// <summary>The integer, when this is the integer form.</summary>
    public int? IntValue { get; }

    /// <summary>The string, when this is the string form.</summary>
    public string? StringValue { get; }

    /// <summary>Whether this is the integer form.</summary>
    public bool IsInt => IntValue.HasValue;

    /// <summary>Creates the integer form.</summary>
    public static IntOrString FromInt(int value) => new(value, null);

    /// <summary>Creates the string form.</summary>
    public static IntOrString FromString(string value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Implicit integer form.</summary>
    public static implicit operator IntOrString(int value) => FromInt(value);

    /// <summary>Implicit string form.</summary>
    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>
    /// Resolves a percentage (<c>25%</c>) against <paramref name="total"/>, or returns the integer.
    /// Mirrors intstr.GetScaledValueFromIntOrPercent.
    /// </summary>
    /// <exception cref="FormatException">The string form is neither an integer nor a percentage.</exception>
    public int GetScaledValue(int total, bool roundUp)
    {
        if (IntValue is { } i)
        {
            return i;
        }

        var s = StringValue!;
        if (s.EndsWith('%') && int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            var scaled = (double)percent * total / 100;
            return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
        }

        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }

        throw new FormatException($"'{s}' is neither an integer nor a percentage like '25%'.");
    }

    /// <inheritdoc />
    public override string ToString() => IntValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue!;
}

/// <summary>Reads and writes <see cref="IntOrString"/> as a JSON number or string.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    /// <inheritdoc />
    public override IntOrString? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var i) => IntOrString.FromInt(i),
        JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected an integer or a string for an int-or-string field, got {reader.TokenType}."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IntValue is { } i)
        {
            writer.WriteNumberValue(i);
        }
        else
        {
            writer.WriteStringValue(value.StringValue);
        }
    }
}
