using System.Globalization;

namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>Reads values out of the Prometheus text exposition format.</summary>
public static class PrometheusText
{
    /// <summary>The sum of every sample of <paramref name="metric"/> over all its label sets; 0 when absent.</summary>
    public static double SumCounter(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentException.ThrowIfNullOrEmpty(metric);
        var sum = 0.0;
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            // The name must end right there: "x_total" must not match "x_total_extra".
            var rest = line.AsSpan(metric.Length);
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }

            var value = line[(line.LastIndexOf(' ') + 1)..];
            sum += double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return sum;
    }
}
