using System.Globalization;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Workloads.Deployments;

/// <summary>intstr.GetScaledValueFromIntOrPercent: an absolute number, or a percentage of a total rounded up or down.</summary>
internal static class IntOrPercent
{
    public static int Resolve(JsonNode? value, int total, bool roundUp, int fallback)
    {
        if (value is null) return fallback;
        if (JsonNumber.AsInt64(value) is { } number) return (int)number;
        var text = value.GetValue<string>();
        if (!text.EndsWith('%') || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent)) return fallback;
        var scaled = total * percent / 100.0;
        return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
    }
}
