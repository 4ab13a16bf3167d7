namespace VisitCounter.Kube.Runtime.Metrics;

/// <summary>A gauge family (Prometheus type <c>gauge</c>): values that go up and down.</summary>
public sealed class GaugeFamily : ScalarFamily<Gauge>
{
    internal GaugeFamily(string name, string help, string[] labelNames)
        : base(name, help, labelNames)
    {
    }

    internal override string TypeName => "gauge";
}

/// <summary>One gauge series.</summary>
public sealed class Gauge : ScalarSeries
{
    /// <summary>Sets the value.</summary>
    public void Set(double newValue) => SetCore(newValue);

    /// <summary>Adds <paramref name="amount"/> (may be negative).</summary>
    public void Add(double amount) => AddCore(amount);

    /// <summary>Adds one.</summary>
    public void Inc() => Add(1);

    /// <summary>Subtracts one.</summary>
    public void Dec() => Add(-1);
}
