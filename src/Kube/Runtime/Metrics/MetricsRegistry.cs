using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>
/// A small, dependency-free Prometheus registry: counters, gauges and histograms with labels,
/// rendered in the text exposition format (version 0.0.4) that a <c>/metrics</c> endpoint serves.
/// </summary>
public sealed class MetricsRegistry
{
    /// <summary>The content type of <see cref="Render"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly ConcurrentDictionary<string, MetricFamily> families = new(StringComparer.Ordinal);

    /// <summary>Registers (or returns the already registered) counter family.</summary>
    public CounterFamily Counter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new CounterFamily(name, help, labelNames));

    /// <summary>Registers (or returns the already registered) gauge family.</summary>
    public GaugeFamily Gauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new GaugeFamily(name, help, labelNames));

    /// <summary>Registers (or returns the already registered) histogram family with upper bucket bounds.</summary>
    public HistogramFamily Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labelNames) =>
        GetOrAdd(name, () => new HistogramFamily(name, help, buckets, labelNames));

    /// <summary>Renders every family in the Prometheus text exposition format, sorted by name.</summary>
    public string Render()
    {
        var builder = new StringBuilder();
        foreach (var family in families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            family.Render(builder);
        }

        return builder.ToString();
    }

    private T GetOrAdd<T>(string name, Func<T> create)
        where T : MetricFamily
    {
        MetricName.Validate(name);
        var family = families.GetOrAdd(name, _ => create());
        return family as T
            ?? throw new InvalidOperationException($"Metric '{name}' is already registered as a {family.TypeName}, not as the requested type.");
    }
}

/// <summary>Formatting rules of the exposition format shared by all metric families.</summary>
internal static class MetricName
{
    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':') || char.IsAsciiDigit(name[0]))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric or label name: use [a-zA-Z_:][a-zA-Z0-9_:]*.", nameof(name));
        }
    }

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
