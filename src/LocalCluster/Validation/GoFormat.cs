using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// Prints values the way the real API server's Go code does in error messages: <c>%q</c> strings,
/// <c>%v</c> numbers (shortest float with exponent from 1e+06 on), <c>%#v</c> of decoded JSON lists and maps
/// (<c>[]interface {}{"a", 1}</c>, <c>map[string]interface {}{"k":"v"}</c>).
/// </summary>
public static class GoFormat
{
    /// <summary>The bad value as <c>field.Error</c> prints it after <c>Invalid value: </c>.</summary>
    public static string Value(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject or JsonArray => GoSyntax(node),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => Quote(node.GetValue<string>()),
            JsonValueKind.Number => Number(node),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        },
    };

    /// <summary>Go's <c>%q</c>: a double-quoted string with Go escapes.</summary>
    public static string Quote(string text)
    {
        var result = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    result.Append("\\\"");
                    break;
                case '\\':
                    result.Append("\\\\");
                    break;
                case '\n':
                    result.Append("\\n");
                    break;
                case '\t':
                    result.Append("\\t");
                    break;
                case '\r':
                    result.Append("\\r");
                    break;
                case < 0x20 or 0x7f:
                    result.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    break;
                default:
                    result.Append(rune.ToString());
                    break;
            }
        }

        return result.Append('"').ToString();
    }

    /// <summary>
    /// Go's <c>%v</c> of a float64 (strconv <c>'g'</c>, shortest digits): exponent form when the decimal
    /// exponent is below -4 or at least 6, so <c>1e+06</c> but <c>100000</c> and <c>0.5</c>.
    /// </summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (exponent is >= -4 and < 6)
        {
            return value.ToString("R", CultureInfo.InvariantCulture);
        }

        var scientific = value.ToString("E16", CultureInfo.InvariantCulture);
        var mantissa = double.Parse(scientific[..scientific.IndexOf('E', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        exponent = int.Parse(scientific[(scientific.IndexOf('E', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        var digits = mantissa.ToString("R", CultureInfo.InvariantCulture);
        return digits + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>A JSON number as Go prints the decoded value: integers as int64, others as float64.</summary>
    public static string Number(JsonNode node)
    {
        var text = node.ToJsonString();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l.ToString(CultureInfo.InvariantCulture)
            : Float(double.Parse(text, CultureInfo.InvariantCulture));
    }

    private static string GoSyntax(JsonNode? node) => node switch
    {
        null => "interface {}(nil)",
        JsonObject o => "map[string]interface {}{" + string.Join(", ", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Quote(p.Key) + ":" + GoSyntax(p.Value))) + "}",
        JsonArray a => "[]interface {}{" + string.Join(", ", a.Select(GoSyntax)) + "}",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.Number => long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? l.ToString(CultureInfo.InvariantCulture)
                : Float(double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture)),
            _ => Value(node),
        },
    };
}
