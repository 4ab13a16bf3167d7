using System.Text;

namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>A gauge family (Prometheus type <c>gauge</c>): values that go up and down.</summary>
public sealed class GaugeFamily : MetricFamily
{
    internal GaugeFamily(string name, string help, string[] labelNames)
        : base(name, help, labelNames)
    {
    }

    internal override string TypeName => "gauge";

    /// <summary>The series for the given label values, created on first use.</summary>
    public Gauge WithLabels(params string[] values) => GetChild(values, () => new Gauge());

    private protected override void RenderChild(StringBuilder builder, LabelValues labels, object child)
    {
        builder.Append(Name);
        AppendLabels(builder, labels);
        builder.Append(' ').Append(MetricName.FormatValue(((Gauge)child).Value)).Append('\n');
    }
}

/// <summary>One gauge series.</summary>
public sealed class Gauge
{
    private readonly Lock gate = new();
    private double value;

    /// <summary>The current value.</summary>
    public double Value
    {
        get
        {
            lock (gate)
            {
                return value;
            }
        }
    }

    /// <summary>Sets the value.</summary>
    public void Set(double newValue)
    {
        lock (gate)
        {
            value = newValue;
        }
    }

    /// <summary>Adds <paramref name="amount"/> (may be negative).</summary>
    public void Add(double amount)
    {
        lock (gate)
        {
            value += amount;
        }
    }

    /// <summary>Adds one.</summary>
    public void Inc() => Add(1);

    /// <summary>Subtracts one.</summary>
    public void Dec() => Add(-1);
}
