using System.Text;

namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>A monotonically increasing counter family (Prometheus type <c>counter</c>).</summary>
public sealed class CounterFamily : MetricFamily
{
    internal CounterFamily(string name, string help, string[] labelNames)
        : base(name, help, labelNames)
    {
    }

    internal override string TypeName => "counter";

    /// <summary>The series for the given label values, created on first use.</summary>
    public Counter WithLabels(params string[] values) => GetChild(values, () => new Counter());

    private protected override void RenderChild(StringBuilder builder, LabelValues labels, object child)
    {
        builder.Append(Name);
        AppendLabels(builder, labels);
        builder.Append(' ').Append(MetricName.FormatValue(((Counter)child).Value)).Append('\n');
    }
}

/// <summary>One counter series.</summary>
public sealed class Counter
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

    /// <summary>Adds <paramref name="amount"/> (which must not be negative: counters only go up).</summary>
    public void Inc(double amount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        lock (gate)
        {
            value += amount;
        }
    }
}
