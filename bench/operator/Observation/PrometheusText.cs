using System.Globalization;
using System.Text;

namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>Reads values out of the Prometheus text exposition format.</summary>
public static class PrometheusText
{
    /// <summary>The sum of every sample of <paramref name="metric"/> over all its label sets; 0 when absent.</summary>
    public static double SumCounter(string exposition, string metric) => Samples(exposition, metric).Sum(s => s.Value);

    /// <summary>Every sample of <paramref name="metric"/> (exactly that name), with its labels unescaped.</summary>
    public static IEnumerable<PrometheusSample> Samples(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentException.ThrowIfNullOrEmpty(metric);
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

            var labels = rest[0] == '{' ? ParseLabels(line, metric.Length + 1) : new Dictionary<string, string>(StringComparer.Ordinal);
            var value = line[(line.LastIndexOf(' ') + 1)..];
            yield return new PrometheusSample(labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }

    // name="value" pairs separated by commas up to the closing brace; values escape \\, \" and \n.
    private static Dictionary<string, string> ParseLabels(string line, int start)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = start;
        while (i < line.Length && line[i] != '}')
        {
            var equals = line.IndexOf('=', i);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw new FormatException($"Malformed label set in metrics line: {line}");
            }

            var name = line[i..equals].Trim();
            var value = new StringBuilder();
            var j = equals + 2;
            for (; j < line.Length && line[j] != '"'; j++)
            {
                if (line[j] == '\\' && j + 1 < line.Length)
                {
                    j++;
                    value.Append(line[j] == 'n' ? '\n' : line[j]);
                }
                else
                {
                    value.Append(line[j]);
                }
            }

            labels[name] = value.ToString();
            i = j + 1;
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
        }

        return labels;
    }
}
