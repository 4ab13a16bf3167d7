using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisitCounter.Kube.Models;

/// <summary>
/// resource.Quantity: a fixed-point number with a suffix (<c>1Gi</c>, <c>100Mi</c>, <c>500m</c>,
/// <c>1e3</c>). Compares by value (<c>1Gi == 1024Mi</c>) and serializes as the text it was parsed
/// from, so a read-modify-write does not rewrite the user's spelling.
/// </summary>
[JsonConverter(typeof(ResourceQuantityJsonConverter))]
public sealed class ResourceQuantity : IEquatable<ResourceQuantity>, IComparable<ResourceQuantity>
{
    private static readonly (string Suffix, decimal Multiplier)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m),
        ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    ];

    private ResourceQuantity(decimal value, string text)
    {
        Value = value;
        Text = text;
    }

    /// <summary>The numeric value in base units (bytes, cores, ...).</summary>
    public decimal Value { get; }

    /// <summary>The text form, as parsed or as produced by <see cref="FromValue"/>.</summary>
    public string Text { get; }

    /// <summary>Parses a quantity.</summary>
    /// <exception cref="FormatException">The text is not a Kubernetes quantity; the message shows valid examples.</exception>
    public static ResourceQuantity Parse(string text)
        => TryParse(text, out var quantity)
            ? quantity
            : throw new FormatException($"'{text}' is not a valid quantity; use a number with an optional suffix such as 1Gi, 500Mi, 250m or 1e3.");

    /// <summary>Parses a quantity without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ResourceQuantity? quantity)
    {
        quantity = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var numberEnd = 0;
        if (numberEnd < s.Length && (s[numberEnd] == '+' || s[numberEnd] == '-'))
        {
            numberEnd++;
        }

        var digits = 0;
        var dots = 0;
        while (numberEnd < s.Length && (char.IsAsciiDigit(s[numberEnd]) || s[numberEnd] == '.'))
        {
            if (s[numberEnd] == '.')
            {
                dots++;
            }
            else
            {
                digits++;
            }

            numberEnd++;
        }

        if (digits == 0 || dots > 1
            || !decimal.TryParse(s.AsSpan(0, numberEnd), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = s[numberEnd..];
        if (!TryGetMultiplier(suffix, out var multiplier))
        {
            return false;
        }

        try
        {
            quantity = new ResourceQuantity(number * multiplier, s);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Creates a quantity from a plain number of base units, written without a suffix.</summary>
    public static ResourceQuantity FromValue(decimal value) => new(value, value.ToString(CultureInfo.InvariantCulture));

    private static bool TryGetMultiplier(string suffix, out decimal multiplier)
    {
        multiplier = 1m;
        if (suffix.Length == 0)
        {
            return true;
        }

        foreach (var (name, value) in Suffixes)
        {
            if (suffix == name)
            {
                multiplier = value;
                return true;
            }
        }

        if (suffix[0] is 'e' or 'E'
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            && exponent is >= -18 and <= 18)
        {
            multiplier = exponent >= 0 ? Pow10(exponent) : 1m / Pow10(-exponent);
            return true;
        }

        return false;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }

    /// <inheritdoc />
    public bool Equals(ResourceQuantity? other) => other is not null && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ResourceQuantity);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(ResourceQuantity? other) => other is null ? 1 : Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Value equality.</summary>
    public static bool operator ==(ResourceQuantity? left, ResourceQuantity? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ResourceQuantity? left, ResourceQuantity? right) => !(left == right);

    /// <summary>Compares values.</summary>
    public static bool operator <(ResourceQuantity? left, ResourceQuantity? right) => Compare(left, right) < 0;

    /// <summary>Compares values.</summary>
    public static bool operator >(ResourceQuantity? left, ResourceQuantity? right) => Compare(left, right) > 0;

    /// <summary>Compares values.</summary>
    public static bool operator <=(ResourceQuantity? left, ResourceQuantity? right) => Compare(left, right) <= 0;

    /// <summary>Compares values.</summary>
    public static bool operator >=(ResourceQuantity? left, ResourceQuantity? right) => Compare(left, right) >= 0;

    private static int Compare(ResourceQuantity? left, ResourceQuantity? right)
        => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}

/// <summary>Reads a quantity from a JSON string or number and writes it as a string, as the API server does.</summary>
public sealed class ResourceQuantityJsonConverter : JsonConverter<ResourceQuantity>
{
    /// <inheritdoc />
    public override ResourceQuantity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a quantity such as \"1Gi\", got {reader.TokenType}."),
        };
        if (text is null)
        {
            return null;
        }

        return ResourceQuantity.TryParse(text, out var quantity)
            ? quantity
            : throw new JsonException($"'{text}' is not a valid quantity; use a number with an optional suffix such as 1Gi, 500Mi, 250m or 1e3.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Text);
    }
}
