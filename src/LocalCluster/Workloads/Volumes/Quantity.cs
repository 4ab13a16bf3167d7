using System.Globalization;

namespace VisitCounter.LocalCluster.Workloads.Volumes;

/// <summary>Parses Kubernetes resource quantities (<c>1Gi</c>, <c>500M</c>, <c>1e3</c>) into bytes to compare sizes.</summary>
internal static class Quantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m), ("P", 1e15m), ("E", 1e18m), ("m", 0.001m),
    ];

    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var (suffix, factor) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && decimal.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var scaled))
            {
                return scaled * factor;
            }
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }
}
