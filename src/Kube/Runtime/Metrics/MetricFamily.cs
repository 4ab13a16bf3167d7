using System.Collections.Concurrent;
using System.Text;

namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>
/// A named metric with a fixed list of label names and one child series per distinct label value tuple.
/// </summary>
public abstract class MetricFamily
{
    private readonly ConcurrentDictionary<LabelValues, object> children = new();

    private protected MetricFamily(string name, string help, string[] labelNames)
    {
        foreach (var label in labelNames)
        {
            MetricName.Validate(label);
        }

        Name = name;
        Help = help;
        LabelNames = labelNames;
    }

    /// <summary>The metric name, e.g. <c>workqueue_depth</c>.</summary>
    public string Name { get; }

    /// <summary>The help text shown in the <c># HELP</c> line.</summary>
    public string Help { get; }

    /// <summary>The label names, in the order values are given to <c>WithLabels</c>.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    internal abstract string TypeName { get; }

    internal void Render(StringBuilder builder)
    {
        builder.Append("# HELP ").Append(Name).Append(' ').Append(MetricName.EscapeHelp(Help)).Append('\n');
        builder.Append("# TYPE ").Append(Name).Append(' ').Append(TypeName).Append('\n');
        foreach (var (labels, child) in children.OrderBy(c => c.Key.Joined, StringComparer.Ordinal))
        {
            RenderChild(builder, labels, child);
        }
    }

    private protected abstract void RenderChild(StringBuilder builder, LabelValues labels, object child);

    private protected TChild GetChild<TChild>(string[] values, Func<TChild> create)
        where TChild : class
    {
        if (values.Length != LabelNames.Count)
        {
            throw new ArgumentException(
                $"Metric '{Name}' takes {LabelNames.Count} label value(s) ({string.Join(", ", LabelNames)}) but {values.Length} were given.",
                nameof(values));
        }

        return (TChild)children.GetOrAdd(new LabelValues(values), _ => create());
    }

    /// <summary>Writes <c>{a="x",b="y"}</c> (or nothing without labels), optionally with one extra label such as <c>le</c>.</summary>
    private protected void AppendLabels(StringBuilder builder, LabelValues labels, string? extraName = null, string? extraValue = null)
    {
        if (LabelNames.Count == 0 && extraName is null)
        {
            return;
        }

        builder.Append('{');
        var first = true;
        for (var i = 0; i < LabelNames.Count; i++)
        {
            AppendPair(builder, LabelNames[i], labels.Values[i], ref first);
        }

        if (extraName is not null)
        {
            AppendPair(builder, extraName, extraValue ?? string.Empty, ref first);
        }

        builder.Append('}');
    }

    private static void AppendPair(StringBuilder builder, string name, string value, ref bool first)
    {
        if (!first)
        {
            builder.Append(',');
        }

        first = false;
        builder.Append(name).Append("=\"").Append(MetricName.EscapeLabelValue(value)).Append('"');
    }

    /// <summary>An immutable label value tuple usable as a dictionary key.</summary>
    private protected sealed class LabelValues : IEquatable<LabelValues>
    {
        public LabelValues(string[] values)
        {
            Values = [.. values];
            Joined = string.Join('\u0001', values);
        }

        public IReadOnlyList<string> Values { get; }

        public string Joined { get; }

        public bool Equals(LabelValues? other) => other is not null && string.Equals(Joined, other.Joined, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as LabelValues);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Joined);
    }
}
