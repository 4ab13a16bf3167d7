using System.Globalization;
using System.Text.RegularExpressions;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// A Kubernetes resource quantity (<c>1Gi</c>, <c>500m</c>, <c>2e3</c>) reduced to its exact value, enough
/// to compare PVC sizes the way the API server does.
/// </summary>
public static partial class Quantity
{
    /// <summary>The message the API server gives for a malformed quantity.</summary>
    public const string FormatMessage = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>Parses a quantity; false for text the API server would reject.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var match = QuantityRegex().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = match.Groups[2].Value;
        decimal multiplier;
        switch (suffix)
        {
            case "":
                multiplier = 1;
                break;
            case "Ki" or "Mi" or "Gi" or "Ti" or "Pi" or "Ei":
                multiplier = Pow(1024, "KMGTPE".IndexOf(suffix[0], StringComparison.Ordinal) + 1);
                break;
            case "n":
                multiplier = 0.000000001m;
                break;
            case "u":
                multiplier = 0.000001m;
                break;
            case "m":
                multiplier = 0.001m;
                break;
            case "k" or "M" or "G" or "T" or "P" or "E":
                multiplier = Pow(1000, "kMGTPE".IndexOf(suffix[0], StringComparison.Ordinal) + 1);
                break;
            default:
                if ((suffix[0] is 'e' or 'E') && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) && Math.Abs(exponent) <= 18)
                {
                    multiplier = exponent >= 0 ? Pow(10, exponent) : 1m / Pow(10, -exponent);
                    break;
                }

                return false;
        }

        try
        {
            value = number * multiplier;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal Pow(decimal b, int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= b;
        }

        return result;
    }

    [GeneratedRegex("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")]
    private static partial Regex QuantityRegex();
}
