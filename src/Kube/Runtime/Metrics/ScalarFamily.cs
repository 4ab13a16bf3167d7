using System.Text;

namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>
/// A family whose series each hold one number: counters and gauges differ only in their Prometheus type name and in
/// how the number may change, so the labelling and the exposition line live here once.
/// </summary>
public abstract class ScalarFamily<TSeries> : MetricFamily
    where TSeries : ScalarSeries, new()
{
    private protected ScalarFamily(string name, string help, string[] labelNames)
        : base(name, help, labelNames)
    {
    }

    /// <summary>The series for the given label values, created on first use.</summary>
    public TSeries WithLabels(params string[] values) => GetChild(values, () => new TSeries());

    private protected override void RenderChild(StringBuilder builder, LabelValues labels, object child)
    {
        builder.Append(Name);
        AppendLabels(builder, labels);
        builder.Append(' ').Append(MetricName.FormatValue(((TSeries)child).Value)).Append('\n');
    }
}

/// <summary>One thread-safe number of a <see cref="ScalarFamily{TSeries}"/>.</summary>
public abstract class ScalarSeries
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

    private protected void AddCore(double amount)
    {
        lock (gate)
        {
            value += amount;
        }
    }

    private protected void SetCore(double newValue)
    {
        lock (gate)
        {
            value = newValue;
        }
    }
}
